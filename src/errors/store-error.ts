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

	/** Whether the failed operation read or wrote: a failed write must never be confirmed to a user. */
	public get kind(): 'read' | 'write' {
		return readOperations.has(this.operation.toLowerCase()) ? 'read' : 'write';
	}
}

/** The operations that change nothing; every other one (set, delete, record, open …) counts as a write. */
const readOperations = new Set(['get', 'getmany', 'has', 'count', 'exists', 'hget', 'hgetall', 'hmget', 'sismember', 'smembers', 'pttl', 'list', 'read']);

/** The StoreError an error is or was caused by (a command may wrap it), if any. */
export function storeErrorIn(error: unknown): StoreError | undefined {
	for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) if (current instanceof StoreError) return current;
	return undefined;
}

/** Runs one store operation, turning whatever keyv throws into a {@link StoreError} naming the operation and key. */
export async function callStore<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		throw new StoreError(operation, key, { cause: error });
	}
}
