import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputRichMessageWithoutUpload } from 'grammy/types';
import { defaultStreamTiming } from '../../../../adapters/telegram/reply-streamer.js';
import { chunkText, createSlowAnswerCommand } from '../../../helpers/slow-answer.js';
import { startFakeLlm, type FakeLlm } from '../../../fakes/openai-server.js';
import { checkRichMessage } from '../../../fakes/telegram-rich-validation.js';
import type { StoredMessage } from '../../../fakes/telegram-bot-api.js';
import { botReplies, buttonData, buttonLabels, fastTuning, groupChat, newUser, privateChat, startHarness, type Harness } from '../telegram-harness.js';
import { footnotesOf, messagePlain, richNodes } from './rich-outline.js';

/** A model answer that cites passage 1 twice and grows for long enough to be drafted. */
const endlessText = 'Qwen released a family of small open-weight models this week, tuned for coding and tool use. ';
/** A generated answer that goes on until the reader presses Stop. */
const endless = createSlowAnswerCommand({ name: 'endless', chunks: chunkText(endlessText.repeat(20), 10), delayMs: 40 });

const chunks = ['Qwen released ', '**small models** ', 'for the edge [1]. ', ...Array.from({ length: 12 }, (_, index) => `Detail ${index + 1} of the release. `), 'That is the gist [1].'];

let llm: FakeLlm;
let harness: Harness;
beforeAll(async () => {
	llm = await startFakeLlm({ script: { chunks }, charsPerSecond: 400 });
	harness = await startHarness({
		tuning: { ...fastTuning, timing: defaultStreamTiming },
		env: { TELEGRAM_RICH: 'on', LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '100' },
		extraCommands: [endless.command],
	});
});
afterAll(async () => {
	await harness.close();
	await llm.close();
});

const callsFor = (h: Harness, method: string, chatId: number) => h.fake.calls.filter((call) => call.method === method && Number(call.params.chat_id) === chatId);

/** The one message the bot sent, checked again by the fake's validator: a rich message Telegram accepts. */
function onlyRich(messages: readonly StoredMessage[]): InputRichMessageWithoutUpload {
	expect(messages).toHaveLength(1);
	const rich = messages[0]!.rich_message as InputRichMessageWithoutUpload | undefined;
	expect(rich).toBeDefined();
	const checked = checkRichMessage(rich);
	expect('error' in checked ? checked.error : 'accepted').toBe('accepted');
	return rich!;
}

function blockTypes(rich: InputRichMessageWithoutUpload): string[] {
	return [...richNodes(rich.blocks)].flatMap((node) => (typeof node === 'object' && node !== null && 'type' in node ? [String((node as { type: unknown }).type)] : []));
}

describe('telegram adapter: answers as rich messages (Bot API 10.1)', () => {
	it('when /story is asked then the story is one rich message, its sources footnotes, its buttons the keyboard', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 2', { from: user });
		const messages = await botReplies(harness.fake, chat.id);
		const rich = onlyRich(messages);
		expect(JSON.stringify(rich)).toContain('U.S. government AI procurement');
		const { defined, linked } = footnotesOf(rich);
		expect(linked.length).toBeGreaterThan(0);
		for (const name of linked) expect(defined.has(name)).toBe(true);
		expect(buttonLabels(messages[0]).length).toBeGreaterThan(0);
		expect(callsFor(harness, 'sendMessage', chat.id)).toEqual([]);
		// Ready at once (production draft timing): no preview before the message.
		expect(callsFor(harness, 'sendRichMessageDraft', chat.id)).toEqual([]);
	});

	it('when /latest is asked then the issue overview is one valid rich message with its headings', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/latest', { from: user });
		const rich = onlyRich(await botReplies(harness.fake, chat.id));
		expect(blockTypes(rich)).toContain('heading');
		expect(callsFor(harness, 'sendMessage', chat.id)).toEqual([]);
	});

	it('when /ask streams in a private chat then a Thinking draft comes first, drafts grow with footnoted citations, and the final message equals the last draft', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		await harness.fake.settle();
		const drafts = harness.fake.richDraftsIn(chat.id);
		expect(drafts.length).toBeGreaterThanOrEqual(3);
		expect(blockTypes(drafts[0]!.richMessage as InputRichMessageWithoutUpload)).toEqual(['thinking']);
		expect(drafts.every((draft) => draft.canStop)).toBe(true);
		const rich = onlyRich([message!]);
		expect(drafts.at(-1)!.richMessage).toEqual(rich);
		expect(messagePlain({ text: '', rich_message: rich })).toContain('That is the gist');
		// The citation "[…]" jumps to the footnote of the story it cites, which opens that story in the bot.
		const { defined, linked } = footnotesOf(rich);
		expect(linked.length).toBe(2);
		expect(new Set(linked).size).toBe(1);
		expect(defined.has(linked[0]!)).toBe(true);
		expect(JSON.stringify(rich)).toContain('https://t.me/digest_test_bot?start=');
		// Every draft that shows a citation already holds its footnote (the fake refuses one that does not).
		expect(drafts.some((draft) => footnotesOf(draft.richMessage as InputRichMessageWithoutUpload).linked.length > 0)).toBe(true);
		expect(buttonLabels(message).length).toBeGreaterThan(0);
		expect(callsFor(harness, 'sendMessage', chat.id)).toEqual([]);
		expect(callsFor(harness, 'sendMessageDraft', chat.id)).toEqual([]);
	});

	it.each(['/top', '/issue 2026-03-03', '/since'])('when %s is asked then the answer is one valid rich message', async (command) => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, command, { from: user });
		const rich = onlyRich(await botReplies(harness.fake, chat.id));
		expect(messagePlain({ text: '', rich_message: rich }).length).toBeGreaterThan(100);
	});

	it('when a story button is pressed under a rich story then that message turns into the next story, still one rich message', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [story3] = await botReplies(harness.fake, chat.id);
		harness.fake.pressButton(user, story3!, buttonData(story3!, 'Story 4 ▶'));
		await harness.fake.waitFor(() => messagePlain(harness.fake.botMessages(chat.id)[0]!).startsWith('4. '));
		await harness.fake.settle();
		const messages = harness.fake.botMessages(chat.id);
		expect(onlyRich(messages)).toBeDefined();
		expect(buttonLabels(messages[0])).toContain('◀ Story 3');
	});

	it('when the reader presses Stop on a rich draft then the answer stops, and the one final message keeps what was written, marked stopped', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/endless', { from: user });
		const draftText = (draft: { richMessage: unknown }): string => messagePlain({ text: '', rich_message: draft.richMessage });
		const shown = await harness.fake.waitFor(() => harness.fake.richDraftsIn(chat.id).filter((draft) => draftText(draft).length > 40).at(-1), 10_000);
		harness.fake.stopGeneration(chat, shown.draftId);
		const [message] = await botReplies(harness.fake, chat.id);
		await harness.fake.settle();
		expect(endless.log.stoppedAfter).toBeGreaterThan(0);
		const text = messagePlain(message!);
		expect(text.startsWith(draftText(shown))).toBe(true);
		expect(text).toMatch(/Stopped/);
		expect(text.length).toBeLessThan(endlessText.length * 20);
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
	});

	it('when Telegram refuses one rich answer then that answer arrives with entities, once, and the next one is rich again', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendRichMessage', { status: 400, description: 'Bad Request: RICH_MESSAGE_INVALID' });
		harness.fake.postText(chat, '/story 3', { from: user });
		const [first] = await botReplies(harness.fake, chat.id);
		await harness.fake.settle();
		expect(first!.rich_message).toBeUndefined();
		expect(first!.text).toMatch(/^3\. Coding-model speed race/);
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
		harness.fake.postText(chat, '/story 4', { from: user });
		const messages = await botReplies(harness.fake, chat.id, 2);
		expect(messages[1]!.rich_message).toBeDefined();
	});

	it('when /ask is asked in a group then only the asker sees the answer, as one ephemeral rich message and no draft', async () => {
		const user = newUser();
		const group = groupChat();
		harness.fake.postText(group, '/ask what did Qwen release?', { from: user });
		const [message] = await botReplies(harness.fake, group.id);
		await harness.fake.settle();
		expect(message!.receiver_user_id).toBe(user.id);
		expect(onlyRich(harness.fake.botMessages(group.id))).toBeDefined();
		expect(callsFor(harness, 'sendRichMessageDraft', group.id)).toEqual([]);
		// A story button under that answer shows the story to the same reader alone.
		harness.fake.pressButton(user, message!, buttonData(message!, /^Story /));
		const [, story] = await botReplies(harness.fake, group.id, 2);
		expect(story!.receiver_user_id).toBe(user.id);
		expect(story!.rich_message).toBeDefined();
	});

	it('when /since is asked in a group then it is the reader’s own catch-up, shown only to them; /story stays for the group', async () => {
		const user = newUser();
		const group = groupChat();
		harness.fake.postText(group, '/since', { from: user });
		const [since] = await botReplies(harness.fake, group.id);
		expect(since!.receiver_user_id).toBe(user.id);
		harness.fake.postText(group, '/story 3', { from: user });
		const messages = await botReplies(harness.fake, group.id, 2);
		expect(messages[1]!.receiver_user_id).toBeUndefined();
		expect(messages[1]!.rich_message).toBeDefined();
	});
});

describe('telegram adapter: /ask in groups with ASK_IN_GROUPS=public', () => {
	let open: Harness;
	beforeAll(async () => {
		open = await startHarness({ env: { TELEGRAM_RICH: 'on', ASK_IN_GROUPS: 'public' } });
	});
	afterAll(() => open.close());

	it('when /ask is asked in a group then the whole group sees the answer, quoting the question', async () => {
		const user = newUser();
		const group = groupChat();
		const question = open.fake.postText(group, '/ask what did Qwen release?', { from: user });
		const [message] = await botReplies(open.fake, group.id);
		expect(message!.receiver_user_id).toBeUndefined();
		expect(message!.rich_message).toBeDefined();
		const sent = callsFor(open, 'sendRichMessage', group.id)[0]!;
		expect((sent.params.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
	});
});

describe('telegram adapter: falling back to entities', () => {
	let old: Harness;
	let off: Harness;
	beforeAll(async () => {
		[old, off] = await Promise.all([startHarness({ env: { TELEGRAM_RICH: 'on' } }), startHarness({ env: { TELEGRAM_RICH: 'off' } })]);
		old.fake.speakRichMessages(false);
	});
	afterAll(() => Promise.all([old.close(), off.close()]));

	it('when the server does not know sendRichMessage then the same answer arrives with entities, and later answers do not try again', async () => {
		const user = newUser();
		const chat = privateChat(user);
		old.fake.postText(chat, '/story 3', { from: user });
		const [first] = await botReplies(old.fake, chat.id);
		expect(first!.rich_message).toBeUndefined();
		expect(first!.text).toMatch(/^3\. Coding-model speed race/);
		expect(first!.entities.length).toBeGreaterThan(0);
		expect(buttonLabels(first).length).toBeGreaterThan(0);
		const richCalls = (): number => old.fake.calls.filter((call) => call.method === 'sendRichMessage' || call.method === 'sendRichMessageDraft').length;
		const before = richCalls();
		old.fake.postText(chat, '/story 4', { from: user });
		const messages = await botReplies(old.fake, chat.id, 2);
		expect(messages[1]!.text).toMatch(/^4\. /);
		expect(richCalls()).toBe(before);
		expect(messages).toHaveLength(2);
	});

	it('when the server does not know rich messages then /ask in a private chat is still answered, once', async () => {
		const user = newUser();
		const chat = privateChat(user);
		old.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const messages = await botReplies(old.fake, chat.id);
		await old.fake.settle();
		expect(old.fake.botMessages(chat.id)).toHaveLength(messages.length);
		expect(messages[0]!.text).toContain('2026-03-03');
	});

	it('when the server does not know rich messages then /ask in a group reaches the group the old way, not lost', async () => {
		const user = newUser();
		const group = groupChat();
		old.fake.postText(group, '/ask what did Qwen release?', { from: user });
		const messages = await botReplies(old.fake, group.id);
		await old.fake.settle();
		// A server older than 10.2 ignores the ephemeral parameter: the answer is the group's, as before.
		expect(old.fake.botMessages(group.id)).toHaveLength(messages.length);
		expect(messages[0]!.receiver_user_id).toBeUndefined();
		expect(messages[0]!.text).toContain('2026-03-03');
	});

	it('when TELEGRAM_RICH=off then answers are entity messages and no rich method is called', async () => {
		const user = newUser();
		const chat = privateChat(user);
		off.fake.postText(chat, '/story 3', { from: user });
		const [message] = await botReplies(off.fake, chat.id);
		expect(message!.text).toMatch(/^3\. Coding-model speed race/);
		expect(off.fake.calls.filter((call) => call.method.startsWith('sendRich'))).toEqual([]);
	});

	it('when TELEGRAM_RICH=off then /ask in a group is still only for the asker, as an ephemeral text message', async () => {
		const user = newUser();
		const group = groupChat();
		off.fake.postText(group, '/ask what did Qwen release?', { from: user });
		const [message] = await botReplies(off.fake, group.id);
		expect(message!.receiver_user_id).toBe(user.id);
		expect(message!.text.length).toBeGreaterThan(0);
	});
});
