import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStreamTiming } from '../../../adapters/telegram/reply-streamer.js';
import { chunkText, createSlowAnswerCommand } from '../../helpers/slow-answer.js';
import { fastTuning, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

const answerText = 'Qwen released a family of small open-weight models this week, tuned for coding and tool use, with a long context window and a licence that allows commercial use. ';
/** About 2.6 s of writing: 50 ms between chunks of ~12 characters. */
const slow = createSlowAnswerCommand({ name: 'slow', chunks: chunkText(answerText.repeat(2), 12), delayMs: 50 });
/** Thinks for 1.2 s before the first word. */
const thinker = createSlowAnswerCommand({ name: 'thinker', thinkMs: 1_200, chunks: ['Here it ', 'comes.'], delayMs: 50 });
/** Long enough to be stopped half-way. */
const endless = createSlowAnswerCommand({ name: 'endless', chunks: chunkText(answerText.repeat(20), 10), delayMs: 40 });
/** Never looks at its signal, as a command stuck in a request would. */
const stubborn = createSlowAnswerCommand({ name: 'stubborn', chunks: chunkText(answerText.repeat(20), 10), delayMs: 40, ignoresStop: true });
/** Stands in for /ask: plain text in a private chat reaches it. */
const ask = createSlowAnswerCommand({ name: 'ask', chunks: ['You asked; ', 'here is ', 'the answer.'], delayMs: 30 });
/** Bold words split over chunks, and paragraphs past one message. */
const paragraphText = `${'A paragraph of the long answer, written a few words at a time. '.repeat(14).trim()}\n\n`;
const long = createSlowAnswerCommand({
	name: 'long',
	chunks: [
		[{ text: 'Summary: ' }, { text: 'bold ', bold: true }],
		[{ text: 'words ', bold: true }],
		[{ text: 'split', bold: true }, { text: ' over chunks.\n\n' }],
		...chunkText(paragraphText.repeat(8), 200),
	],
	delayMs: 5,
});

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness({
		tuning: { ...fastTuning, timing: { ...defaultStreamTiming, draftRefreshMs: 400 } },
		extraCommands: [slow.command, thinker.command, endless.command, stubborn.command, ask.command, long.command],
	});
	// Telegram's side of pacing: drafts to one chat closer than the interval (less timer rounding) are refused.
	harness.fake.enforceDraftInterval(290);
});
afterAll(() => harness.close());

const finalMessages = (chatId: number, count = 1) => harness.fake.waitFor(() => harness.fake.botMessages(chatId).length >= count && harness.fake.botMessages(chatId), 15_000);

describe('telegram adapter: generated answers', () => {
	it('when a slow answer streams in a private chat then drafts grow, paced, and the one final message equals the last draft, with no 429', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/slow what did Qwen release?', { from: user });
		const [message] = await finalMessages(chat.id);
		await harness.fake.settle();
		expect(message!.text).toBe(answerText.repeat(2).trim());
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
		const drafts = harness.fake.draftsIn(chat.id);
		const texts = drafts.map((draft) => draft.text).filter((text) => text !== '');
		expect(texts.length).toBeGreaterThanOrEqual(4);
		for (const [index, text] of texts.entries()) {
			expect(message!.text.startsWith(text)).toBe(true);
			if (index > 0) expect(text.length).toBeGreaterThan(texts[index - 1]!.length);
		}
		expect(texts.at(-1)).toBe(message!.text);
		for (let index = 1; index < drafts.length; index += 1) expect(drafts[index]!.at - drafts[index - 1]!.at).toBeGreaterThanOrEqual(290);
		expect(drafts.every((draft) => draft.canStop && draft.keepOnStop && draft.draftId === drafts[0]!.draftId)).toBe(true);
		expect(harness.fake.draftFloodRejections).toBe(0);
		expect(harness.fake.calls.filter((call) => call.errorCode === 429)).toEqual([]);
	});

	it('when a generated answer has not started yet then "Thinking…" (an empty draft) shows at once and is refreshed until the first words', async () => {
		const user = newUser();
		const chat = privateChat(user);
		const posted = Date.now();
		harness.fake.postText(chat, '/thinker', { from: user });
		await finalMessages(chat.id);
		const drafts = harness.fake.draftsIn(chat.id);
		const firstWords = thinker.log.emittedAt[0]!;
		expect(drafts[0]!.text).toBe('');
		expect(drafts[0]!.at - posted).toBeLessThan(700);
		// A 400 ms refresh in this test; Telegram's 30 s in production is refreshed every 20 s.
		expect(drafts.filter((draft) => draft.text === '' && draft.at < firstWords).length).toBeGreaterThanOrEqual(2);
		expect(drafts.findIndex((draft) => draft.text !== '')).toBeGreaterThan(0);
		expect(harness.fake.botMessages(chat.id)[0]!.text).toBe('Here it comes.');
	});

	it('when the reader presses stop on a draft then the answer stops and the final message keeps what was written, marked stopped', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/endless', { from: user });
		const shown = await harness.fake.waitFor(() => harness.fake.draftsIn(chat.id).filter((draft) => draft.text.length > 40).at(-1), 10_000);
		harness.fake.stopGeneration(chat, shown.draftId);
		const [message] = await finalMessages(chat.id);
		await harness.fake.settle();
		expect(endless.log.stoppedAfter).toBeGreaterThan(0);
		expect(endless.log.stoppedAfter).toBeLessThan(100);
		const [written, note] = message!.text.split('\n\n');
		expect(answerText.repeat(20).startsWith(written!)).toBe(true);
		expect(written!.startsWith(shown.text)).toBe(true);
		expect(note).toMatch(/Stopped/);
		expect(message!.entities.some((entity) => entity.type === 'italic')).toBe(true);
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
	});

	it('when a command ignores Stop then the adapter stops waiting for it within a second and marks the answer stopped itself', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/stubborn', { from: user });
		const shown = await harness.fake.waitFor(() => harness.fake.draftsIn(chat.id).find((draft) => draft.text.length > 40), 10_000);
		const pressed = Date.now();
		harness.fake.stopGeneration(chat, shown.draftId);
		const [message] = await finalMessages(chat.id);
		expect(Date.now() - pressed).toBeLessThan(2_500);
		expect(message!.text).toMatch(/⏹ Stopped/);
		expect(message!.text.length).toBeLessThan(answerText.length * 20);
	});

	it('when a generated answer is asked in a group then there are no drafts, "typing…" shows at once and the answer arrives whole', async () => {
		const user = newUser();
		const chat = groupChat();
		harness.fake.postText(chat, '/slow@digest_test_bot qwen', { from: user });
		const [message] = await finalMessages(chat.id);
		expect(message!.text).toBe(answerText.repeat(2).trim());
		expect(harness.fake.draftsIn(chat.id)).toEqual([]);
		expect(harness.fake.calls.filter((call) => call.method === 'sendMessageDraft' && call.params.chat_id === chat.id)).toEqual([]);
		expect(harness.fake.calls.filter((call) => call.method === 'sendChatAction' && call.params.chat_id === chat.id).length).toBeGreaterThan(0);
		expect(harness.fake.calls.filter((call) => call.method === 'editMessageText' && call.params.chat_id === chat.id)).toEqual([]);
	});

	it('when a plain message is sent in a private chat then /ask answers it; in a group it is ignored', async () => {
		const user = newUser();
		const chat = privateChat(user);
		const runs = ask.log.runs;
		harness.fake.postText(chat, 'what did Qwen release?', { from: user });
		const [message] = await finalMessages(chat.id);
		expect(message!.text).toBe('You asked; here is the answer.');
		expect(ask.log.runs).toBe(runs + 1);
		const group = groupChat();
		harness.fake.postText(group, 'what did Qwen release?', { from: user });
		await harness.fake.settle();
		expect(harness.fake.botMessages(group.id)).toEqual([]);
		expect(ask.log.runs).toBe(runs + 1);
	});

	it('when a streamed answer outgrows a message then it is split on paragraph boundaries, bold split across chunks stays one entity', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/long', { from: user });
		await harness.fake.waitFor(() => harness.fake.botMessages(chat.id).at(-1)?.text.endsWith('a time.') && harness.fake.botMessages(chat.id).length >= 2, 15_000);
		await harness.fake.settle();
		const messages = harness.fake.botMessages(chat.id);
		const first = messages[0]!;
		expect(first.text.startsWith('Summary: bold words split over chunks.')).toBe(true);
		expect(first.entities.filter((entity) => entity.type === 'bold')).toEqual([{ type: 'bold', offset: 9, length: 16 }]);
		for (const message of messages) {
			expect(message.text.length).toBeLessThanOrEqual(4096);
			if (message !== first) expect(message.text).toMatch(/^A paragraph of the long answer/);
			expect(message.text).toMatch(/a time\.$/);
		}
		const paragraphs = messages.map((message) => message.text).join('\n\n').split('\n\n');
		expect(paragraphs).toHaveLength(9);
		expect(harness.fake.draftsIn(chat.id).every((draft) => draft.text.length <= 4096)).toBe(true);
	});

	it('when Telegram answers a draft with 429 anyway then the bot waits it out and the final answer still arrives', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendMessageDraft', { status: 429, retryAfter: 1 });
		harness.fake.postText(chat, '/slow', { from: user });
		const [message] = await finalMessages(chat.id);
		await harness.fake.settle();
		expect(message!.text).toBe(answerText.repeat(2).trim());
		const refused = harness.fake.calls.filter((call) => call.method === 'sendMessageDraft' && call.errorCode === 429);
		expect(refused.map((call) => [Number(call.params.chat_id), call.description])).toEqual([[chat.id, 'Too Many Requests: retry after 1']]);
		const trail = harness.fake.calls.filter((call) => Number(call.params.chat_id) === chat.id).map((call) => `${call.at} ${call.method} ${call.errorCode ?? ''} ${String(call.params.text ?? '').length}`);
		expect(harness.fake.draftsIn(chat.id).at(-1)!.text, trail.join('\n')).toBe(message!.text);
	});
});
