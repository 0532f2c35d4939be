/**
 * The store failed to read or write. keyv swallows adapter errors unless asked not to, so the
 * store wrapper raises this with the operation and key instead of returning a silent undefined.
 */
export class StoreError extends Error {
	public override readonly name = 'StoreError';

	public constructor(
		public readonly operation: string,
		public readonly key: string | undefined,
		options?: { cause?: unknown },
	) {
		super(`store ${operation}${key === undefined ? '' : ` of "${key}"`} failed`, options);
	}
}

/** Runs one store operation, turning whatever keyv throws into a {@link StoreError} naming the operation and key. */
export async function callStore<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw new StoreError(operation, key, { cause: error });
	}
}
