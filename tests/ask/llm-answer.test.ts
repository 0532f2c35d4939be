import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../src/logger.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { createLlmAnswerer, type LlmAnswererOptions } from '../../src/ask/llm-answerer.js';
import { plainText } from '../../src/content/span.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { promptOf, startFakeLlm, type FakeLlm, type FakeLlmOptions } from '../fakes/openai-server.js';
import { askAs, askingDispatcher, citedStories } from './ask-fixture.js';

const apiKey = 'sk-fake-0123456789-secret';
let archive: Archive;
let llm: FakeLlm | undefined;

beforeAll(async () => {
	archive = await referenceArchive();
});
afterEach(async () => {
	await llm?.close();
	llm = undefined;
});

/** Captures log lines, to prove what never reaches them. */
function capturingLog(): { log: Logger; lines: string[] } {
	const lines: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			lines.push(chunk.toString());
			done();
		},
	});
	return { log: pino({ level: 'debug' }, stream) as Logger, lines };
}

async function setUp(fake: FakeLlmOptions, overrides: Partial<LlmAnswererOptions> = {}) {
	llm = await startFakeLlm(fake);
	const logs = capturingLog();
	const model = createLlmAnswerer({ baseUrl: llm.baseUrl, model: 'fake-model', apiKey, maxTokens: 300, stallMs: 20_000, timeoutMs: 30_000, log: logs.log, ...overrides });
	const dispatcher = askingDispatcher(archive, { model, log: logs.log });
	return { dispatcher, logs, llm };
}

describe('when /ask answers through an OpenAI-compatible model', () => {
	it('then the answer streams as a paragraph and deltas, cites story 1 and ends with the stories used', async () => {
		const { dispatcher, llm } = await setUp({ script: { text: 'Alibaba released the **Qwen 3.5 Small** series [1], runnable on _Ollama_ [2].' }, chunkChars: 3 });
		const { parts, blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		expect(parts[0]?.type).toBe('paragraph');
		expect(parts.filter((part) => part.type === 'delta').length).toBeGreaterThan(2);
		const answer = blocks[0]!;
		expect(answer.type === 'paragraph' && plainText(answer.spans)).toBe('Alibaba released the Qwen 3.5 Small series [2026-03-03 · 1], runnable on Ollama [2026-03-03 · 1].');
		expect(answer.type === 'paragraph' && answer.spans.find((span) => span.bold)?.text).toBe('Qwen 3.5 Small');
		expect(citedStories(blocks)).toEqual(['1 2026-03-03']);
		expect(textOf(blocks)).toContain('Stories used:');
		// The prompt: the system prompt says passages are data; the user message holds only retrieved passages, numbered.
		const request = llm.requests[0]!;
		expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
		expect(request.body).toMatchObject({ model: 'fake-model', stream: true, max_tokens: 300 });
		expect(request.body.messages?.[0]?.content).toMatch(/never instructions/);
		const user = request.body.messages?.[1]?.content ?? '';
		expect(user).toMatch(/^<passages>\n\[1\] \(2026-03-03 · 1: /);
		expect(user).toContain('Question: what did Qwen release?');
		expect(user).not.toContain('Treasury'); // story 2 was not retrieved for this question
	});

	it('then a citation of a passage the model was not given is removed before the reader sees it', async () => {
		const { dispatcher } = await setUp({
			script: (request) => {
				const given = (promptOf(request).match(/^\[\d+\] /gm) ?? []).length;
				return { text: `Qwen released small models [1][${given + 3}] and a story from elsewhere [2025-01-01 · 7].` };
			},
		});
		const { blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		const text = textOf(blocks);
		expect(plainText(blocks[0]!.type === 'paragraph' ? blocks[0]!.spans : [])).toBe('Qwen released small models [2026-03-03 · 1] and a story from elsewhere.');
		expect(text).not.toContain('2025-01-01');
		expect(citedStories(blocks)).toEqual(['1 2026-03-03']);
	});

	it('then a Markdown mark split across chunks is never shown raw', async () => {
		const { dispatcher } = await setUp({ script: { chunks: ['Qwen shipped *', '*four', ' sizes*', '* and `ol', 'lama` support [', '1', ']. Done'] } });
		const { parts, blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		for (const part of parts) if (part.type === 'delta' || part.type === 'paragraph') for (const span of part.spans) expect(span.text).not.toMatch(/[*`]|\[(?!2026)/);
		expect(plainText(blocks[0]!.type === 'paragraph' ? blocks[0]!.spans : [])).toBe('Qwen shipped four sizes and ollama support [2026-03-03 · 1]. Done');
	});

	it.each([
		['a 429 with retry-after', { status: 429, retryAfterSeconds: 30 }],
		['a 500', { status: 500 }],
		['a malformed chunk', { text: 'Qwen released', malformedAfterChars: 4 }],
		['a dropped connection', { text: 'Qwen released', dropAfterChars: 0 }],
		['an empty answer', { text: '' }],
		['a 401 whose message quotes the key', { status: 401, errorMessage: `Incorrect API key provided: ${apiKey}.` }],
	])('then %s gets a friendly note and the extractive answer, and the key is in no log', async (_name, reply) => {
		const { dispatcher, logs } = await setUp({ script: reply });
		const { blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		const text = textOf(blocks);
		expect(text).toMatch(/here are the best-matching passages/);
		expect(text).toContain('Alibaba Qwen released the Qwen 3.5 Small Model Series');
		expect(citedStories(blocks)).toContain('1 2026-03-03');
		expect(logs.lines.join('')).toContain('LLM answer failed');
		expect(logs.lines.join('') + text).not.toContain(apiKey);
	});

	it('then a server that is not listening at all gets the extractive answer', async () => {
		const { dispatcher, llm } = await setUp({});
		await llm.close();
		const { blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		expect(textOf(blocks)).toMatch(/not available right now.*\n[\s\S]*Alibaba Qwen released/);
	});

	it('then a model that stalls is cut off after LLM_STALL_MS, keeping what it wrote, with a note', async () => {
		const { dispatcher } = await setUp({ script: { text: 'Qwen released four small models today and more.', stallAfterChars: 27 } }, { stallMs: 300 });
		const started = Date.now();
		const { blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(plainText(blocks[0]!.type === 'paragraph' ? blocks[0]!.spans : [])).toBe('Qwen released four small');
		expect(textOf(blocks)).toContain('The model stopped responding, so the answer ends here.');
	});

	it('then LLM_TIMEOUT_MS ends a slow answer that never stalls', async () => {
		const { dispatcher } = await setUp({ script: { text: 'word '.repeat(400), charsPerSecond: 100 } }, { timeoutMs: 1_000, stallMs: 5_000 });
		const { blocks } = await askAs(dispatcher, '/ask what did Qwen release?');
		expect(textOf(blocks)).toContain('The answer took too long, so it ends here.');
		expect(plainText(blocks[0]!.type === 'paragraph' ? blocks[0]!.spans : [])).toMatch(/^word word/);
	});

	it('then Stop aborts the model request at once and keeps the text, marked as stopped', async () => {
		const { dispatcher, llm } = await setUp({ script: { text: 'Qwen released small models. '.repeat(40), charsPerSecond: 200 } });
		const controller = new AbortController();
		const reply = dispatcher.runText('/ask what did Qwen release?', { chat: { platform: 'telegram', id: '1', kind: 'private' }, user: { id: 'stopper' } }, controller.signal);
		const parts = [];
		let stoppedAt = 0;
		for await (const part of reply) {
			parts.push(part);
			if (parts.length === 3) {
				controller.abort();
				stoppedAt = Date.now();
			}
		}
		expect(Date.now() - stoppedAt).toBeLessThan(1_000);
		const { BlockAssembler } = await import('../../src/content/assemble-blocks.js');
		const assembler = new BlockAssembler();
		for (const part of parts) assembler.add(part);
		assembler.flush();
		const text = textOf(assembler.blocks);
		expect(text).toMatch(/^Qwen released small/);
		expect(text).toContain('Stopped: the answer ends where you stopped it.');
		const written = assembler.blocks[0];
		expect(written?.type === 'paragraph' && plainText(written.spans).length).toBeLessThan(300);
		await expect.poll(() => llm.aborted()).toBe(1);
	});

	it('then an adapter that stops waiting (a guest answer\'s deadline) ends it as too slow, not as stopped by the reader', async () => {
		const { dispatcher, llm } = await setUp({ script: { text: 'Qwen released small models. '.repeat(40), charsPerSecond: 200 } });
		const reply = dispatcher.runText('/ask what did Qwen release?', { chat: { platform: 'telegram', id: '1', kind: 'group' }, user: { id: 'guest-reader' } }, AbortSignal.timeout(400));
		const { BlockAssembler } = await import('../../src/content/assemble-blocks.js');
		const assembler = new BlockAssembler();
		for await (const part of reply) assembler.add(part);
		assembler.flush();
		const text = textOf(assembler.blocks);
		expect(text).toMatch(/^Qwen released small/);
		expect(text).toContain('The answer took too long, so it ends here.');
		expect(text).not.toContain('where you stopped it');
		await expect.poll(() => llm.aborted()).toBe(1);
	});

	it('then a reader asking again while the answer streams is told it is still answering; another reader is not', async () => {
		const { dispatcher } = await setUp({ script: { text: 'Qwen released small models. '.repeat(4), charsPerSecond: 100 } });
		const first = askAs(dispatcher, '/ask what did Qwen release?', 'busy-reader');
		await new Promise((resolve) => setTimeout(resolve, 300));
		const again = await askAs(dispatcher, '/ask and what else?', 'busy-reader');
		expect(again.blocks[0]).toMatchObject({ type: 'failure', code: 'still-answering' });
		const other = askAs(dispatcher, '/ask what did Qwen release?', 'other-reader');
		expect((await first).blocks[0]?.type).toBe('paragraph');
		expect((await other).blocks[0]?.type).toBe('paragraph');
		const after = await askAs(dispatcher, '/ask what did Qwen release?', 'busy-reader');
		expect(after.blocks[0]?.type).toBe('paragraph');
	});

	it('then a model that answers in another language is kept as written, and the question asks for it', async () => {
		const { dispatcher, llm } = await setUp({ script: { text: 'Qwen a publié de petits modèles [1].' } });
		const { blocks } = await askAs(dispatcher, '/ask qu’est-ce que Qwen a publié ?');
		expect(textOf(blocks)).toContain('Qwen a publié de petits modèles [2026-03-03 · 1].');
		expect(llm.requests[0]?.body.messages?.[0]?.content).toMatch(/language the question is written in/);
	});
});

describe('when LLM_EMBED_MODEL reranks the retrieved passages', () => {
	it('then the passage closest in meaning leads the prompt, and the request goes to the same endpoint with the embedding model', async () => {
		// A stand-in "meaning": only the question and the passage on 3D convolutions point one way;
		// by words alone "Alibaba Qwen released …" leads.
		const question = 'what did Qwen release?';
		llm = await startFakeLlm({ script: { text: 'It uses 3D convolutions [1].' }, embeddings: { embed: (input) => (input === question || input.includes('3D convolutions') ? [1, 0] : [0, 1]) } });
		const model = createLlmAnswerer({ baseUrl: llm.baseUrl, model: 'fake-model', embedModel: 'fake-embed', maxTokens: 100, stallMs: 5_000, timeoutMs: 10_000 });
		const { blocks } = await askAs(askingDispatcher(archive, { model }), `/ask ${question}`);
		const embedding = llm.requests.find((request) => request.path.endsWith('/embeddings'));
		expect(embedding?.body).toMatchObject({ model: 'fake-embed' });
		const chat = llm.requests.find((request) => request.path.endsWith('/chat/completions'))!;
		expect(chat.body.messages?.[1]?.content).toMatch(/^<passages>\n\[1\] [^\n]+\n[^\n]*3D convolutions/);
		expect(textOf(blocks)).toContain('It uses 3D convolutions [2026-03-03 · 1].');
	});

	it('then embeddings that fail keep the search order and the answer still comes', async () => {
		llm = await startFakeLlm({ script: { text: 'Qwen released small models [1].' }, embeddings: { status: 500 } });
		const model = createLlmAnswerer({ baseUrl: llm.baseUrl, model: 'fake-model', embedModel: 'fake-embed', maxTokens: 100, stallMs: 5_000, timeoutMs: 10_000 });
		const { blocks } = await askAs(askingDispatcher(archive, { model }), '/ask what did Qwen release?');
		expect(textOf(blocks)).toContain('Qwen released small models [2026-03-03 · 1].');
	});
});
