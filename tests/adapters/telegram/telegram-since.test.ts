import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botReplies, buttonData, buttonLabels, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('telegram adapter: /since', () => {
	it('when the catch-up has several pages then Older ▶ and ◀ Newer turn the same message through them', async () => {
		const user = newUser();
		const chat = privateChat(user);
		// The archive holds the reference issue (34 stories) and an older one dated 2026-02-01.
		harness.fake.postText(chat, '/since 2026-02-01', { from: user });
		const [first] = await botReplies(harness.fake, chat.id);
		expect(first!.text).toMatch(/^2 issues since Feb 1, 2026 — page 1 of (\d+)/);
		expect(first!.text).toContain('Qwen 3.5 small models go multimodal-on-edge');
		expect(buttonLabels(first)).toEqual(['Older ▶']);
		// The fake edits stored messages in place: keep what page 1 said.
		const pageOne = first!.text;

		const edits = (): number => harness.fake.callsTo('editMessageText').filter((call) => call.params.chat_id === chat.id && call.ok).length;
		harness.fake.pressButton(user, first!, buttonData(first!, 'Older ▶'));
		await harness.fake.waitFor(() => edits() === 1);
		await harness.fake.settle();
		const [second] = harness.fake.botMessages(chat.id);
		expect(harness.fake.botMessages(chat.id)).toHaveLength(1);
		expect(second!.message_id).toBe(first!.message_id);
		expect(second!.text).toMatch(/— page 2 of/);
		expect(second!.text).not.toBe(pageOne);
		expect(buttonLabels(second)).toContain('◀ Newer');

		harness.fake.pressButton(user, second!, buttonData(second!, '◀ Newer'));
		await harness.fake.waitFor(() => edits() === 2);
		await harness.fake.settle();
		expect(harness.fake.botMessages(chat.id)[0]!.text).toBe(pageOne);
	});

	it('when two members of a group ask /since then each is answered from what they themselves were shown', async () => {
		const group = groupChat();
		const reader = newUser('Ada');
		const newcomer = newUser('Bob');
		harness.fake.postText(group, '/latest', { from: reader });
		await botReplies(harness.fake, group.id, 1);
		harness.fake.postText(group, '/since', { from: reader });
		await botReplies(harness.fake, group.id, 2);
		harness.fake.postText(group, '/since', { from: newcomer });
		const replies = await botReplies(harness.fake, group.id, 3);
		const [, readerSince, newcomerSince] = replies.map((message) => message.text);
		expect(readerSince).toMatch(/^You’re up to date\. The latest issue is Qwen 3\.5 small models/);
		expect(newcomerSince).toMatch(/^I haven’t shown you an issue yet/);
		expect(newcomerSince).toContain('Qwen 3.5 small models');
	});

	it('when /since gets a bad argument then the user reads the problem and the usage', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/since 99999d', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toBe('How far back: must be between 1d and 3650d (ten years). Usage: /since [7d|2026-03-01] [page]');
	});
});
