import type { InputRichMessageWithoutUpload } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGuestAnswer } from '../../fakes/telegram-bot-api.js';
import { footnotesOf, outline, richNodes } from './rich/rich-outline.js';
import { createSlowAnswerCommand } from '../../helpers/slow-answer.js';
import { botReplies, fastTuning, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

/** What a guest answer put in the chat: rich blocks or text, and its one button. */
interface GuestContent {
	readonly rich?: InputRichMessageWithoutUpload;
	readonly text?: string;
	readonly button: { text: string; url: string } | undefined;
}

function contentOf(answer: FakeGuestAnswer): GuestContent {
	const content = answer.result.input_message_content as { rich_message?: InputRichMessageWithoutUpload; message_text?: string };
	const rows = (answer.result.reply_markup as { inline_keyboard?: { text: string; url: string }[][] } | undefined)?.inline_keyboard ?? [];
	return { rich: content.rich_message, text: content.message_text, button: rows.flat()[0] };
}

/** A reader @mentions the bot in a group it is not a member of; resolves with the one answer there. */
async function askAsGuest(harness: Harness, text: string, from = newUser(), chat = groupChat()): Promise<FakeGuestAnswer> {
	const queryId = harness.fake.guestMessage(chat, from, text);
	const answer = await harness.fake.waitFor(() => harness.fake.guestAnswers.find((candidate) => candidate.guestQueryId === queryId));
	expect(answer.chat.id).toBe(chat.id);
	return answer;
}

describe('telegram guest mode on a server that speaks rich messages', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' } });
	});
	afterAll(() => harness.close());

	it('when a reader asks "@bot what did Qwen release?" then the /ask answer lands in their chat as one valid rich message citing the story', async () => {
		const answer = await askAsGuest(harness, '@digest_test_bot what did Qwen release?');
		const { rich, text, button } = contentOf(answer);
		expect(text).toBeUndefined();
		expect(outline(rich!.blocks!, 200).join('\n')).toMatch(/Qwen/);
		// The fake refused it otherwise; every footnote reference resolves inside the message.
		const { defined, linked } = footnotesOf(rich!);
		expect(linked.every((name) => defined.has(name))).toBe(true);
		expect(button).toEqual({ text: 'Open in the bot', url: 'https://t.me/digest_test_bot' });
	});

	it('when a reader writes "@bot story 3" then story 3 is the answer, its sources as footnotes, and the button opens that story in the bot', async () => {
		const { rich, button } = contentOf(await askAsGuest(harness, '@digest_test_bot story 3'));
		const lines = outline(rich!.blocks!, 80);
		expect(lines.join('\n')).toMatch(/3\. Coding-model speed race intensifies/);
		expect(lines.some((line) => line.trim().startsWith('> Why it matters'))).toBe(true);
		expect(footnotesOf(rich!).defined.size).toBeGreaterThan(0);
		expect(button?.url).toBe('https://t.me/digest_test_bot?start=2026-03-03-s3');
		// Story buttons would come back as presses on an inline message, which has no chat to answer in.
		expect([...richNodes(rich!.blocks)].some((node) => node.type === 'buttons')).toBe(false);
	});

	it('when a reader writes "@bot top" or "@bot /top" then the top stories are the answer', async () => {
		for (const text of ['@digest_test_bot top', '@digest_test_bot /top']) {
			const { rich } = contentOf(await askAsGuest(harness, text));
			const summary = outline(rich!.blocks!, 200).join('\n');
			expect(summary).toMatch(/1\. Qwen 3\.5/);
			expect(summary).toMatch(/2\. U\.S\. government AI procurement/);
		}
	});

	it('when a reader only mentions the bot then the answer says what to write, in their language', async () => {
		const { rich } = contentOf(await askAsGuest(harness, '@digest_test_bot', { ...newUser(), language_code: 'ru' }));
		expect(outline(rich!.blocks!, 200).join('\n')).toBe('Упомяните меня с вопросом или командой, например @digest_test_bot что выпустил Qwen?, @digest_test_bot story 3 или @digest_test_bot top.');
	});

	it('when a reader asks a guest for a command that changes a chat then the answer says to use it in a chat with the bot, and nothing is subscribed', async () => {
		const { rich } = contentOf(await askAsGuest(harness, '@digest_test_bot /subscribe'));
		expect(outline(rich!.blocks!, 200)).toEqual(['/subscribe works in a chat with me: open @digest_test_bot and send it there.']);
	});

	it('when the chat refuses the rich answer for a reason of its own then the same answer goes as text, once, and later answers are still rich', async () => {
		harness.fake.inject('answerGuestQuery', { status: 400, description: 'Bad Request: RICH_MESSAGE_FORBIDDEN' });
		const refused = await askAsGuest(harness, '@digest_test_bot story 3');
		expect(contentOf(refused).text).toMatch(/^3\. Coding-model speed race intensifies/);
		expect(harness.fake.guestAnswers.filter((answer) => answer.guestQueryId === refused.guestQueryId)).toHaveLength(1);
		expect(contentOf(await askAsGuest(harness, '@digest_test_bot story 4')).rich).toBeDefined();
	});

	it('when a reader asks for a story that does not exist then the answer is the friendly failure, not silence', async () => {
		const { rich } = contentOf(await askAsGuest(harness, '@digest_test_bot story 999'));
		expect(outline(rich!.blocks!, 200).join('\n')).toMatch(/999/);
	});
});

describe('telegram guest mode with TELEGRAM_RICH=off', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'off' } });
	});
	afterAll(() => harness.close());

	it('when a reader writes "@bot story 3" then the answer is text with entities, never tried as rich', async () => {
		const { rich, text, button } = contentOf(await askAsGuest(harness, '@digest_test_bot story 3'));
		expect(rich).toBeUndefined();
		expect(text).toMatch(/^3\. Coding-model speed race intensifies/);
		expect(button?.url).toBe('https://t.me/digest_test_bot?start=2026-03-03-s3');
		expect(harness.fake.callsTo('answerGuestQuery')).toHaveLength(1);
	});
});

describe('telegram guest mode: a slow answer', () => {
	const slow = createSlowAnswerCommand({ name: 'ask', chunks: ['Qwen released', ' small', ' models', ' for the edge', ' and more'], delayMs: 300 });
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' }, extraCommands: [slow.command], tuning: { ...fastTuning, guestAnswerMs: 700 } });
	});
	afterAll(() => harness.close());

	it('when the answer is still being written at the deadline then what was written is the answer, once', async () => {
		const answer = await askAsGuest(harness, '@digest_test_bot what did Qwen release?');
		const text = outline(contentOf(answer).rich!.blocks!, 200).join('\n');
		expect(text).toMatch(/^Qwen released small/);
		expect(text).not.toMatch(/and more/);
		expect(harness.fake.callsTo('answerGuestQuery')).toHaveLength(1);
	});
});

describe('telegram guest mode: the flood limit', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' }, tuning: { ...fastTuning, rateLimit: { limit: 2, windowMs: 60_000 } } });
	});
	afterAll(() => harness.close());

	it('when one reader sends more guest queries and commands than the limit then the next guest query is answered with the notice and the one after is dropped', async () => {
		const user = newUser();
		const chat = privateChat(user);
		// A command and a guest query share the reader's allowance.
		harness.fake.postText(chat, '/top', { from: user });
		await botReplies(harness.fake, chat.id);
		expect(contentOf(await askAsGuest(harness, '@digest_test_bot story 3', user)).rich).toBeDefined();
		const notice = contentOf(await askAsGuest(harness, '@digest_test_bot story 4', user));
		expect(notice.text).toMatch(/faster than I can read them/);
		const dropped = harness.fake.guestMessage(groupChat(), user, '@digest_test_bot story 5');
		await harness.fake.settle();
		expect(harness.fake.guestAnswers.some((answer) => answer.guestQueryId === dropped)).toBe(false);
		// Another reader is not held back.
		expect(contentOf(await askAsGuest(harness, '@digest_test_bot story 5')).rich).toBeDefined();
	});
});

describe('telegram guest mode on an older Bot API server (no rich or guest methods)', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' } });
		harness.fake.speakRichMessages(false);
	});
	afterEach(() => harness.fake.settle());
	afterAll(() => harness.close());

	it('when a guest update arrives anyway then nothing crashes, it is logged once as no guest mode, and commands are still answered', async () => {
		harness.fake.guestMessage(groupChat(), newUser(), '@digest_test_bot story 3');
		await harness.fake.waitFor(() => harness.fake.callsTo('answerGuestQuery').length > 0);
		await harness.fake.settle();
		expect(harness.fake.guestAnswers).toHaveLength(0);
		// Refused as a missing method: the rich form is not followed by a text form that would fail the same way.
		expect(harness.fake.callsTo('answerGuestQuery')).toHaveLength(1);
		expect(harness.logs.filter((line) => line.msg.includes('has no guest mode'))).toHaveLength(1);
		expect(harness.logs.some((line) => line.level >= 50)).toBe(false);
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [reply] = await botReplies(harness.fake, chat.id);
		expect(reply!.text).toMatch(/^3\. Coding-model speed race intensifies/);
	});
});
