import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStreamTiming } from '../../../adapters/telegram/reply-streamer.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/openai-server.js';
import { fastTuning, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

/** `**small models**` and a link are split across chunks: the reader must never see a raw mark. */
const chunks = [
	'Qwen released ',
	'**sm',
	'all open',
	'-weight mod',
	'els** for coding',
	' and tool use, with a long context window. ',
	...Array.from({ length: 30 }, (_, index) => `More detail ${index + 1} about the release, `),
	'and that is [the',
	' gist](https://example.com/qwen).',
];
const answer = chunks.join('');

let llm: FakeLlm;
let harness: Harness;
beforeAll(async () => {
	llm = await startFakeLlm({ script: { chunks }, charsPerSecond: 600 });
	harness = await startHarness({
		tuning: { ...fastTuning, timing: defaultStreamTiming },
		env: { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '100' },
	});
	harness.fake.enforceDraftInterval(290);
});
afterAll(async () => {
	await harness.close();
	await llm.close();
});

const finalMessage = (chatId: number) => harness.fake.waitFor(() => harness.fake.botMessages(chatId)[0], 20_000);
const rawMark = /\*\*|\[the|\]\(/;

describe('telegram adapter: /ask through a model (LLM_BASE_URL at the fake)', () => {
	it('when /ask streams in a private chat then drafts grow without a raw mark, and the final message equals the last draft, bold and link intact', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const message = await finalMessage(chat.id);
		await harness.fake.settle();
		expect(message.text.startsWith('Qwen released small open-weight models for coding')).toBe(true);
		expect(message.text).toContain('and that is the gist.');
		expect(message.text).not.toMatch(rawMark);
		const bold = message.entities.find((entity) => entity.type === 'bold');
		expect(message.text.slice(bold!.offset, bold!.offset + bold!.length)).toBe('small open-weight models');
		expect(message.entities.some((entity) => entity.type === 'text_link' && entity.url === 'https://example.com/qwen')).toBe(true);
		const drafts = harness.fake.draftsIn(chat.id);
		expect(drafts[0]!.text).toBe('');
		const texts = drafts.map((draft) => draft.text).filter(Boolean);
		expect(texts.length).toBeGreaterThanOrEqual(3);
		for (const text of texts) expect(text).not.toMatch(rawMark);
		expect(texts.at(-1)).toBe(message.text);
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
		expect(harness.fake.calls.filter((call) => call.errorCode === 429)).toEqual([]);
		expect(answer.length).toBeGreaterThan(message.text.length - 400);
	});

	it('when a plain message is sent in a private chat then it is asked of the model', async () => {
		const user = newUser();
		const chat = privateChat(user);
		const before = llm.requests.length;
		harness.fake.postText(chat, 'what did Qwen release this month?', { from: user });
		const message = await finalMessage(chat.id);
		expect(llm.requests.length).toBe(before + 1);
		expect(JSON.stringify(llm.requests.at(-1)!.body.messages)).toContain('what did Qwen release this month?');
		expect(message.text.startsWith('Qwen released small')).toBe(true);
	});

	it('when the reader presses stop on a draft then the model request is aborted and the final message holds what was written, marked stopped', async () => {
		const user = newUser();
		const chat = privateChat(user);
		const aborted = llm.aborted();
		harness.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const shown = await harness.fake.waitFor(() => harness.fake.draftsIn(chat.id).find((draft) => draft.text.length > 60), 10_000);
		harness.fake.stopGeneration(chat, shown.draftId);
		const message = await finalMessage(chat.id);
		await harness.fake.waitFor(() => llm.aborted() > aborted);
		expect(message.text.startsWith(shown.text)).toBe(true);
		expect(message.text).toMatch(/Stopped/);
		expect(message.text).not.toContain('and that is the gist.');
		expect(message.text).not.toMatch(rawMark);
	});

	it('when the reader asks again while an answer is being written then they are told at once that it is still answering, and the first answer completes', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		await harness.fake.waitFor(() => harness.fake.draftsIn(chat.id).some((draft) => draft.text.length > 20), 10_000);
		harness.fake.postText(chat, 'and what about OCR?', { from: user });
		const notice = await finalMessage(chat.id);
		expect(notice.text).toMatch(/still answering/);
		expect(harness.fake.draftFloodRejections).toBe(0);
		const answered = await harness.fake.waitFor(() => harness.fake.botMessages(chat.id)[1], 20_000);
		expect(answered.text).toContain('and that is the gist.');
	});

	it('when /ask is sent in a group then there are no drafts and the answer arrives whole', async () => {
		const user = newUser();
		const chat = groupChat();
		harness.fake.postText(chat, '/ask@digest_test_bot what did Qwen release?', { from: user });
		const message = await finalMessage(chat.id);
		expect(message.text).toContain('and that is the gist.');
		expect(harness.fake.calls.filter((call) => call.method === 'sendMessageDraft' && call.params.chat_id === chat.id)).toEqual([]);
	});
});
