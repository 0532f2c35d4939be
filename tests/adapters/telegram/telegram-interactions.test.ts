import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botReplies, buttonData, buttonLabels, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	// The entity form, which every server takes; rich inline results have their own test (telegram-inline-rich.test.ts).
	harness = await startHarness({ env: { TELEGRAM_RICH: 'off' } });
});
afterAll(() => harness.close());

describe('telegram adapter: buttons', () => {
	it('when the user presses "Story 4 ▶" under story 3 then the callback is answered and the message turns into story 4', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [story3] = await botReplies(harness.fake, chat.id);
		const queryId = harness.fake.pressButton(user, story3!, buttonData(story3!, 'Story 4 ▶'));
		await harness.fake.waitFor(() => harness.fake.callsTo('editMessageText').find((call) => call.params.chat_id === chat.id));
		await harness.fake.settle();
		expect(harness.fake.callsTo('answerCallbackQuery').find((call) => call.params.callback_query_id === queryId)?.ok).toBe(true);
		const [shown] = harness.fake.botMessages(chat.id);
		expect(shown!.message_id).toBe(story3!.message_id);
		expect(shown!.text).toMatch(/^4\. /);
		expect(shown!.text).toContain('story 4 of 34');
		expect(buttonLabels(shown)).toEqual(expect.arrayContaining(['◀ Story 3', 'Story 5 ▶']));
	});

	it('when the user presses "Sources" then the story\'s sources are shown with a way back', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [story3] = await botReplies(harness.fake, chat.id);
		harness.fake.pressButton(user, story3!, buttonData(story3!, 'Sources'));
		await harness.fake.waitFor(() => harness.fake.callsTo('editMessageText').find((call) => call.params.chat_id === chat.id));
		const [shown] = harness.fake.botMessages(chat.id);
		expect(shown!.text).toMatch(/^Sources for story 3/);
		expect(shown!.text).toContain('[11] X post by @ah20im');
		expect(buttonLabels(shown)).toEqual(['Back to story 3']);
	});

	it('when a button from an unknown or old format is pressed then the user gets a toast, not silence', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [story3] = await botReplies(harness.fake, chat.id);
		const queryId = harness.fake.pressButton(user, story3!, 'garbage-data');
		const answer = await harness.fake.waitFor(() => harness.fake.callsTo('answerCallbackQuery').find((call) => call.params.callback_query_id === queryId));
		expect(answer.params.text).toMatch(/expired/);
		expect(harness.fake.botMessages(chat.id)[0]!.text).toMatch(/^3\./);
	});

	it('when a button is pressed in a group then the callback is answered and the target shown in that group', async () => {
		const user = newUser();
		const group = groupChat();
		harness.fake.postText(group, '/top 3', { from: user });
		const [top] = await botReplies(harness.fake, group.id);
		harness.fake.pressButton(user, top!, buttonData(top!, 'Story 2'));
		await harness.fake.waitFor(() => harness.fake.botMessages(group.id)[0]!.text.startsWith('2. '));
	});
});

describe('telegram adapter: deep links', () => {
	it('when a user opens t.me/<bot>?start=2026-03-03-s3 then story 3 of that issue is shown', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/start 2026-03-03-s3', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toMatch(/^3\. Coding-model speed race intensifies/);
	});
});

describe('telegram adapter: inline mode', () => {
	it('when a user types "@bot qwen" then matching stories are offered, each shareable and valid', async () => {
		const queryId = harness.fake.inlineQuery(newUser(), 'qwen');
		const call = await harness.fake.waitFor(() => harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId));
		expect(call.ok).toBe(true);
		const results = call.params.results as { id: string; title: string; input_message_content: { message_text: string }; reply_markup: { inline_keyboard: { url: string }[][] } }[];
		expect(results.length).toBeGreaterThan(0);
		expect(results[0]!.title).toMatch(/Qwen/);
		expect(results[0]!.input_message_content.message_text).toMatch(/Qwen/);
		expect(results[0]!.reply_markup.inline_keyboard[0]![0]!.url).toMatch(new RegExp(`^https://t\\.me/${harness.fake.me.username}\\?start=2026-03-03-s\\d+$`));
	});

	it('when a Russian-language user shares a story inline then its button is Russian and the story as written', async () => {
		const queryId = harness.fake.inlineQuery({ ...newUser(), language_code: 'ru' }, 'qwen');
		const call = await harness.fake.waitFor(() => harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId));
		const results = call.params.results as { title: string; reply_markup: { inline_keyboard: { text: string }[][] } }[];
		expect(results[0]!.title).toMatch(/Qwen/);
		expect(results[0]!.reply_markup.inline_keyboard[0]![0]!.text).toBe('Открыть в боте');
	});

	it('when the inline query is empty then the latest issue\'s stories are offered', async () => {
		const queryId = harness.fake.inlineQuery(newUser(), '');
		const call = await harness.fake.waitFor(() => harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId));
		expect((call.params.results as { id: string }[]).map((result) => result.id)).toContain('2026-03-03-s1');
	});
});
