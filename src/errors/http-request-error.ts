/**
 * A request the HTTP server refuses, with the status to answer and a stable `code` that clients
 * can match on (`unauthorized`, `too-large`, `invalid-digest` …). The message is safe to show:
 * it never quotes headers or the body.
 */
export class HttpRequestError extends Error {
	public override readonly name = 'HttpRequestError';

	public constructor(
		public readonly status: number,
		public readonly code: string,
		message: string,
		options?: { cause?: unknown },
	) {
		super(message, options);
	}
}
