import type { Readable } from 'node:stream';
import type { ApiClientOptions } from 'grammy';
import { Agent, request } from 'undici';

/** How grammY's API client makes its HTTP requests: the `fetch` it calls and what every call passes it. */
export type TelegramHttpClient = Pick<ApiClientOptions, 'fetch' | 'baseFetchConfig'>;

/**
 * What grammY's client passes its `fetch` (grammy/out/core/client.js, payload.js): a JSON string
 * or, for file uploads, a multipart stream; its own AbortSignal, which fires on `timeoutSeconds`
 * or when the caller aborts (the runner stopping a long poll). It reads nothing of the answer but
 * `json()`: Telegram's `ok`/`error_code` are in the body, whatever the HTTP status.
 */
interface GrammyRequest {
	readonly method?: string;
	readonly headers?: Readonly<Record<string, string>>;
	readonly body?: string | Readable;
	readonly signal?: AbortSignal;
}

/**
 * Bot API calls through undici's `request` over a keep-alive pool, instead of grammY's default
 * `node-fetch`. Measured per broadcast post, all three alternating in one process against the same
 * fake (bench/telegram-http-clients.ts, medians of 3 on a loaded machine): `node-fetch` ~436 µs
 * of CPU, undici's `fetch` (Node 20's global fetch) ~824, `request` ~413 — the WHATWG layer of
 * `fetch` (Request/Response objects, web streams, a second AbortSignal) costs more than
 * `node-fetch` saves. grammY takes any function shaped like `fetch`; this one is shaped
 * exactly as far as grammY uses it ({@link GrammyRequest}).
 *
 * `connections` caps the sockets to the Bot API at the requests the caller has in flight at once
 * (the delivery concurrency, or the updates handled at once plus the long poll), so a burst
 * queues in the pool instead of opening sockets the next moment will not reuse.
 *
 * The pool's own header and body timeouts are off: grammY's `timeoutSeconds` and the signal it
 * passes on every call are the one timeout policy. Undici's defaults would cut a request after
 * 300 s whatever grammY allows, and a pool tuned shorter than a long poll (`getUpdates` holds a
 * request for up to 50 s) would break polling.
 */
export function createTelegramHttpClient(options: { readonly connections: number }): TelegramHttpClient {
	const dispatcher = new Agent({ connections: options.connections, headersTimeout: 0, bodyTimeout: 0 });
	const send = async (url: string | URL, init: GrammyRequest = {}) => {
		const response = await request(url, {
			dispatcher,
			method: init.method === 'GET' ? 'GET' : 'POST',
			...(init.headers ? { headers: init.headers } : {}),
			...(init.body !== undefined ? { body: init.body } : {}),
			...(init.signal ? { signal: init.signal } : {}),
		});
		return { ok: response.statusCode < 300, status: response.statusCode, json: () => response.body.json() };
	};
	// grammY types the option as the global fetch; it calls it only as GrammyRequest describes.
	return { fetch: send as unknown as typeof fetch };
}
