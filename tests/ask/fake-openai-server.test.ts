import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '../fakes/openai-server.js';

let llm: FakeLlm | undefined;
afterEach(async () => {
	await llm?.close();
	llm = undefined;
});

async function streamText(client: OpenAI): Promise<string> {
	const stream = await client.chat.completions.create({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'hi' }] });
	let out = '';
	for await (const part of stream) out += part.choices[0]?.delta.content ?? '';
	return out;
}

describe('when the real openai client talks to the fake LLM server', () => {
	it('then a scripted answer streams back whole and the request is recorded with its bearer key', async () => {
		llm = await startFakeLlm({ script: { text: 'Qwen released **small** models [1].' }, chunkChars: 3 });
		const client = new OpenAI({ baseURL: llm.baseUrl, apiKey: 'sk-test-secret', maxRetries: 0 });
		expect(await streamText(client)).toBe('Qwen released **small** models [1].');
		expect(llm.requests).toHaveLength(1);
		expect(llm.requests[0]?.headers.authorization).toBe('Bearer sk-test-secret');
		expect(llm.requests[0]?.body.messages?.[0]?.content).toBe('hi');
	});

	it('then a 429 with retry-after surfaces as the client’s rate-limit error', async () => {
		llm = await startFakeLlm({ script: { status: 429, retryAfterSeconds: 7 } });
		const client = new OpenAI({ baseURL: llm.baseUrl, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
		await expect(streamText(client)).rejects.toMatchObject({ status: 429 });
	});

	it('then a malformed chunk and a dropped connection each fail the stream', async () => {
		llm = await startFakeLlm({ script: [{ text: 'abcdefgh', malformedAfterChars: 4 }, { text: 'abcdefgh', dropAfterChars: 4 }] });
		const client = new OpenAI({ baseURL: llm.baseUrl, apiKey: 'k', maxRetries: 0, logLevel: 'off' });
		await expect(streamText(client)).rejects.toThrow();
		await expect(streamText(client)).rejects.toThrow();
	});
});
