/** The configuration is unusable. The message names each bad variable and how to fix it. */
export class ConfigError extends Error {
	public override readonly name = 'ConfigError';

	public constructor(
		message: string,
		/** The environment variables at fault. Their values are never included: they may be secrets. */
		public readonly variables: readonly string[],
	) {
		super(message);
	}
}
