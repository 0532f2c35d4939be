import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStreamTiming } from '../../../adapters/telegram/reply-streamer.js';
import { botReplies, fastTuning, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

/** The production timing: a draft only for an answer still growing after 300 ms, typing after 800 ms. */
let harness: Harness;
beforeAll(async () => {
	harness = await startHarness({ tuning: { ...fastTuning, timing: defaultStreamTiming } });
});
afterAll(() => harness.close());

const callsFor = (method: string, chatId: number) => harness.fake.calls.filter((call) => call.method === method && call.params.chat_id === chatId);

describe('telegram adapter: drafts with production timing', () => {
	it('when an answer is ready at once then it arrives as one message, with no draft or "typing" before it', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toMatch(/^3\. Coding-model speed race/);
		expect(callsFor('sendMessage', chat.id)).toHaveLength(1);
		expect(callsFor('sendMessageDraft', chat.id)).toEqual([]);
		expect(callsFor('sendChatAction', chat.id)).toEqual([]);
	});

	it('when a long answer is slow to go out then what is still to come is shown as a draft before it is sent', async () => {
		const user = newUser();
		const chat = privateChat(user);
		// Telegram is slow to take each part, so the answer is still arriving after the draft delay.
		harness.fake.inject('sendMessage', { delayMs: 400 }, { delayMs: 400 }, { delayMs: 400 });
		harness.fake.postText(chat, '/story 1 2026-02-01', { from: user });
		// The last part carries the buttons.
		await harness.fake.waitFor(() => harness.fake.botMessages(chat.id).at(-1)?.reply_markup);
		const replies = harness.fake.botMessages(chat.id);
		expect(replies.length).toBeGreaterThanOrEqual(3);
		const drafts = callsFor('sendMessageDraft', chat.id);
		expect(drafts.length).toBeGreaterThan(0);
		const lastPart = replies.at(-1)!;
		expect(lastPart.text.startsWith(String(drafts.at(-1)!.params.text))).toBe(true);
		const draftAt = harness.fake.calls.indexOf(drafts.at(-1)!);
		const lastSendAt = harness.fake.calls.lastIndexOf(callsFor('sendMessage', chat.id).at(-1)!);
		expect(draftAt).toBeLessThan(lastSendAt);
	});
});
