/** Why a file could not be read as a digest issue at all. */
export type DigestParseFailure = 'empty' | 'binary' | 'not-markdown' | 'too-large' | 'invalid';

/**
 * A file is not a digest issue. Thrown by the parser and caught at ingest, which logs it with
 * the path and keeps every other issue of the archive.
 */
export class DigestParseError extends Error {
	public override readonly name = 'DigestParseError';

	public constructor(
		public readonly reason: DigestParseFailure,
		message: string,
		public readonly file?: string,
	) {
		super(file ? `${file}: ${message}` : message);
	}
}
