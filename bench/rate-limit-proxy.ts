import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxyLimits } from './fake-host.js';

/** A running proxy; `rejected` counts the 429s it answered. */
export interface RateLimitProxy {
	readonly apiRoot: string;
	rejected: number;
	close(): Promise<void>;
}

/**
 * Messages sent within the last `windowMs`. A sliding log is the strictest reading of
 * "N messages per second": Telegram does not document its algorithm, and a bot that stays
 * under a sliding window stays under any fixed one too.
 */
class SlidingWindow {
	private readonly times: number[] = [];
	private head = 0;

	public constructor(private readonly limit: number, private readonly windowMs: number) {}

	/** Milliseconds until one more message fits; 0 when it fits now. */
	public wait(now: number): number {
		while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head += 1;
		if (this.head > 4096) {
			this.times.splice(0, this.head);
			this.head = 0;
		}
		return this.times.length - this.head >= this.limit ? this.times[this.head]! + this.windowMs - now : 0;
	}

	public count(now: number): void {
		this.times.push(now);
	}
}

const sendMethods = /\/(sendMessage|sendPhoto|sendDocument|copyMessage|forwardMessage)$/;

/**
 * A Bot API proxy in front of the Telegram fake that enforces Telegram's broadcast limits
 * (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this), scaled as
 * the benchmark asks: sends above the overall, per-chat or per-group ceiling are answered 429
 * with `retry_after` the way Telegram answers them; everything else is forwarded untouched.
 */
export async function startRateLimitProxy(target: string, limits: ProxyLimits): Promise<RateLimitProxy> {
	const overall = new SlidingWindow(limits.perSecond, 1_000);
	const perChat = new Map<string, SlidingWindow>();
	const perGroup = new Map<string, SlidingWindow>();
	const window = (map: Map<string, SlidingWindow>, chat: string, limit: number, windowMs: number): SlidingWindow => {
		let found = map.get(chat);
		if (!found) map.set(chat, (found = new SlidingWindow(limit, windowMs)));
		return found;
	};
	const proxy: RateLimitProxy = {
		apiRoot: '',
		rejected: 0,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = createServer((request, response) => {
		void (async () => {
			const body = await readBody(request);
			const path = request.url ?? '/';
			if (request.method === 'POST' && sendMethods.test(path.split('?')[0] ?? '')) {
				const chat = chatOf(body, request.headers['content-type']);
				const now = Date.now();
				// A rejected message counts against no window, as with Telegram.
				const windows = [overall, window(perChat, chat, limits.perChatPerSecond, 1_000), ...(chat.startsWith('-') ? [window(perGroup, chat, limits.groupPerMinute, 60_000)] : [])];
				const wait = Math.max(...windows.map((candidate) => candidate.wait(now)));
				if (wait === 0) for (const candidate of windows) candidate.count(now);
				if (wait > 0) {
					proxy.rejected += 1;
					const retryAfter = Math.max(1, Math.ceil(wait / 1000));
					response.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } }));
					return;
				}
			}
			const forwarded = await fetch(`${target}${path}`, { method: request.method ?? 'GET', headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, ...(body.length > 0 ? { body } : {}) });
			response.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(Buffer.from(await forwarded.arrayBuffer()));
		})().catch(() => {
			if (!response.headersSent) response.writeHead(502).end();
		});
	});
	server.keepAliveTimeout = 120_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return Object.assign(proxy, { apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

function chatOf(body: Buffer, contentType: string | undefined): string {
	const text = body.toString('utf8');
	if ((contentType ?? '').includes('application/json')) return String((JSON.parse(text) as { chat_id?: unknown }).chat_id ?? '');
	return new URLSearchParams(text).get('chat_id') ?? '';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
