/** Answers a test makes the fake Discord give instead of its normal behaviour. */

export interface InjectedResponse {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: unknown;
	/** Answer after this long (a slow Discord). */
	readonly delayMs?: number;
}

/** Answers matching requests with `response` instead of the normal behaviour, `times` times. */
export interface Injection {
	readonly method?: string;
	readonly path: RegExp;
	times?: number;
	readonly response: InjectedResponse;
}

/** The status, headers and body of a Discord 429. `retryAfter` in seconds; keep it small in tests, discord.js really waits. */
export function rateLimitResponse(retryAfter: number, options: { global?: boolean } = {}): InjectedResponse {
	return {
		status: 429,
		headers: {
			'retry-after': String(retryAfter),
			'x-ratelimit-limit': '5',
			'x-ratelimit-remaining': '0',
			'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
			'x-ratelimit-reset-after': String(retryAfter),
			'x-ratelimit-bucket': 'fakebucket',
			'x-ratelimit-scope': options.global ? 'global' : 'user',
			...(options.global ? { 'x-ratelimit-global': 'true' } : {}),
		},
		body: { message: 'You are being rate limited.', retry_after: retryAfter, global: options.global ?? false },
	};
}

/** A Discord JSON error such as 403 Missing Access (50001) or Missing Permissions (50013). */
export function apiErrorResponse(status: number, code: number, message: string): InjectedResponse {
	return { status, body: { message, code } };
}
