import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible Chat Completions server on 127.0.0.1, for tests and benches that run
 * the real `openai` client (or anything else that speaks the wire format) against it.
 *
 * ```ts
 * const llm = await startFakeLlm({ script: { text: 'Qwen released small models [1].' }, charsPerSecond: 200 });
 * // LLM_BASE_URL=llm.baseUrl LLM_MODEL=fake-model
 * llm.requests[0].body.messages  // what the bot sent
 * await llm.close();
 * ```
 *
 * `POST /v1/embeddings` answers a vector per input (a hashed bag of words unless `embeddings.embed`
 * says otherwise), as floats or, when asked, base64.
 *
 * `POST /v1/chat/completions` with `stream: true` answers Server-Sent Events exactly as OpenAI
 * does (`data: {chat.completion.chunk}` lines, then `data: [DONE]`); without `stream` it answers one
 * `chat.completion` object. Every request is recorded with its headers and parsed body.
 */

/** What the fake answers to one request. Every field is optional; `{}` answers an empty stream. */
export interface FakeLlmReply {
	/** The answer, streamed in chunks of `chunkChars` characters. */
	readonly text?: string;
	/** The answer as explicit chunks (e.g. a `**` split across two), sent in order; wins over `text`. */
	readonly chunks?: readonly string[];
	/** Answer this HTTP status with an OpenAI-style error body instead of a stream (429, 500, 401 …). */
	readonly status?: number;
	/** The error body's message (with `status`), e.g. one that quotes the key as some servers do. */
	readonly errorMessage?: string;
	/** Seconds, sent as `retry-after` (with `status: 429`). */
	readonly retryAfterSeconds?: number;
	/** Send this many characters, then nothing more while keeping the connection open. */
	readonly stallAfterChars?: number;
	/** Send this many characters, then destroy the socket without `[DONE]`. */
	readonly dropAfterChars?: number;
	/** Send this many characters, then a `data:` line that is not JSON, then end. */
	readonly malformedAfterChars?: number;
	/** Wait this long before the response headers (a slow first token). */
	readonly firstByteDelayMs?: number;
	/** Overrides the server's pacing for this reply. */
	readonly charsPerSecond?: number;
	/** Sent as the final chunk's `finish_reason` (default `stop`). */
	readonly finishReason?: 'stop' | 'length';
}

/** One request as the fake received it. */
export interface RecordedLlmRequest {
	readonly method: string;
	readonly path: string;
	readonly headers: Readonly<Record<string, string | string[] | undefined>>;
	/** The JSON body, parsed (`messages`, `model`, `stream`, `max_tokens` …). */
	readonly body: ChatRequestBody;
	readonly at: number;
}

export interface ChatRequestBody {
	readonly model?: string;
	readonly stream?: boolean;
	readonly max_tokens?: number;
	readonly max_completion_tokens?: number;
	readonly messages?: readonly { role: string; content: string }[];
	readonly [key: string]: unknown;
}

/**
 * How the fake answers: one reply for every request, a list consumed in order (the last repeats),
 * or a function of the request (to cite from the prompt it was given).
 */
export type FakeLlmScript = FakeLlmReply | readonly FakeLlmReply[] | ((request: RecordedLlmRequest, index: number) => FakeLlmReply);

export interface FakeLlmOptions {
	readonly script?: FakeLlmScript;
	/** Pace of the stream; 0 or absent sends every chunk at once. */
	readonly charsPerSecond?: number;
	/** Characters per SSE chunk, like a token or two (default 4). */
	readonly chunkChars?: number;
	/** How `/v1/embeddings` answers. */
	readonly embeddings?: {
		/** The vector of one input (default: a 64-dimension hashed bag of its words). */
		readonly embed?: (input: string) => number[];
		/** Answer this status instead (500, 404 for a server without embeddings …). */
		readonly status?: number;
	};
}

export interface FakeLlm {
	/** The base URL as `LLM_BASE_URL` takes it, ending in `/v1`. */
	readonly baseUrl: string;
	readonly port: number;
	/** Every request, in arrival order. */
	readonly requests: readonly RecordedLlmRequest[];
	/** Replaces the script for the requests that follow. */
	setScript(script: FakeLlmScript): void;
	/** How many streamed answers lost their client before the end (an abort): how tests see Stop reach the model. */
	readonly aborted: () => number;
	close(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
	let script: FakeLlmScript = options.script ?? { text: 'No script was given to the fake model.' };
	const requests: RecordedLlmRequest[] = [];
	let abortedStreams = 0;
	const timers = new Set<NodeJS.Timeout>();

	const pick = (request: RecordedLlmRequest, index: number): FakeLlmReply => {
		if (typeof script === 'function') return script(request, index);
		if (Array.isArray(script)) return (script as readonly FakeLlmReply[])[Math.min(index, (script as readonly FakeLlmReply[]).length - 1)] ?? {};
		return script as FakeLlmReply;
	};
	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const server = createServer((req, res) => {
		void handle(req, res).catch(() => res.destroy());
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const raw = await readBody(req);
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		const embeddings = req.method === 'POST' && path.endsWith('/embeddings');
		if (!embeddings && (req.method !== 'POST' || !path.endsWith('/chat/completions'))) {
			sendError(res, 404, `Unknown request ${req.method} ${path}`);
			return;
		}
		let body: ChatRequestBody;
		try {
			body = JSON.parse(raw) as ChatRequestBody;
		} catch {
			sendError(res, 400, 'Body is not JSON');
			return;
		}
		if (embeddings) {
			answerEmbeddings(req, res, body, path);
			return;
		}
		const request: RecordedLlmRequest = { method: 'POST', path, headers: req.headers, body, at: Date.now() };
		const index = requests.push(request) - 1;
		const reply = pick(request, index);
		if (reply.firstByteDelayMs) await sleep(reply.firstByteDelayMs);
		if (reply.status && reply.status !== 200) {
			sendError(res, reply.status, reply.errorMessage ?? (reply.status === 429 ? 'Rate limit reached for requests' : 'The server had an error'), reply.retryAfterSeconds);
			return;
		}
		const chunks = reply.chunks ? [...reply.chunks] : splitText(reply.text ?? '', options.chunkChars ?? 4);
		const model = body.model ?? 'fake-model';
		if (!body.stream) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(completion(model, chunks.join(''), reply.finishReason ?? 'stop')));
			return;
		}
		let gone = false;
		res.on('close', () => {
			if (!res.writableFinished) {
				gone = true;
				abortedStreams += 1;
			}
		});
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		const send = (payload: unknown): void => {
			if (!gone) res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
		};
		send(chunk(model, { role: 'assistant', content: '' }, null));
		const pace = reply.charsPerSecond ?? options.charsPerSecond ?? 0;
		let sent = 0;
		for (const piece of cutAt(chunks, [reply.stallAfterChars, reply.dropAfterChars, reply.malformedAfterChars])) {
			if (gone) return;
			if (reply.stallAfterChars !== undefined && sent >= reply.stallAfterChars) return; // hold the connection open; close() ends it
			if (reply.dropAfterChars !== undefined && sent >= reply.dropAfterChars) {
				res.destroy();
				return;
			}
			if (reply.malformedAfterChars !== undefined && sent >= reply.malformedAfterChars) {
				send('{"id":"chatcmpl-fake","choices":[{"delta":{"content":"bro');
				res.end();
				return;
			}
			if (pace > 0) await sleep((piece.length / pace) * 1000);
			send(chunk(model, { content: piece }, null));
			sent += piece.length;
		}
		if (reply.stallAfterChars !== undefined && sent >= reply.stallAfterChars) return;
		if (reply.dropAfterChars !== undefined) {
			res.destroy();
			return;
		}
		send(chunk(model, {}, reply.finishReason ?? 'stop'));
		send('[DONE]');
		res.end();
	}

	function answerEmbeddings(req: IncomingMessage, res: ServerResponse, body: ChatRequestBody, path: string): void {
		requests.push({ method: 'POST', path, headers: req.headers, body, at: Date.now() });
		if (options.embeddings?.status) {
			sendError(res, options.embeddings.status, 'Embeddings failed');
			return;
		}
		const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
		const embed = options.embeddings?.embed ?? hashedWords;
		const base64 = body.encoding_format === 'base64';
		const data = inputs.map((input, index) => {
			const vector = embed(input);
			return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
		});
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ object: 'list', data, model: body.model ?? 'fake-embed', usage: { prompt_tokens: 0, total_tokens: 0 } }));
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		port,
		requests,
		aborted: () => abortedStreams,
		setScript(next) {
			script = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The `content` of the system and user messages of a recorded request, joined: what the model was shown. */
export function promptOf(request: RecordedLlmRequest): string {
	return (request.body.messages ?? []).map((message) => message.content).join('\n');
}

/** A stand-in for meaning: texts sharing words point the same way. */
export function hashedWords(text: string): number[] {
	const vector = new Array<number>(64).fill(0);
	for (const word of text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []) {
		let hash = 0;
		for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
		vector[hash % 64]! += 1;
	}
	return vector;
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null): unknown {
	return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function completion(model: string, content: string, finishReason: string): unknown {
	return {
		id: 'chatcmpl-fake',
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
		usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
	};
}

function sendError(res: ServerResponse, status: number, message: string, retryAfterSeconds?: number): void {
	res.writeHead(status, { 'content-type': 'application/json', ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}) });
	res.end(JSON.stringify({ error: { message, type: status === 429 ? 'rate_limit_error' : 'server_error', code: null } }));
}

function splitText(text: string, size: number): string[] {
	const out: string[] = [];
	const characters = [...text];
	for (let at = 0; at < characters.length; at += size) out.push(characters.slice(at, at + size).join(''));
	return out;
}

/** Re-cuts chunks so that each fault offset falls on a chunk boundary. */
function cutAt(chunks: readonly string[], offsets: readonly (number | undefined)[]): string[] {
	const cuts = offsets.filter((offset): offset is number => offset !== undefined);
	if (cuts.length === 0) return [...chunks];
	const out: string[] = [];
	let position = 0;
	for (const piece of chunks) {
		let rest = piece;
		for (const cut of cuts) {
			if (cut > position && cut < position + rest.length) {
				out.push(rest.slice(0, cut - position));
				rest = rest.slice(cut - position);
				position = cut;
			}
		}
		out.push(rest);
		position += rest.length;
	}
	return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
	let raw = '';
	for await (const part of req) raw += String(part);
	return raw;
}
