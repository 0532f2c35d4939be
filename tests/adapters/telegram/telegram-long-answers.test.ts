import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEntities } from '../../fakes/telegram-validation.js';
import { botReplies, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('telegram adapter: long answers', () => {
	it('when a story is longer than one message then it arrives in parts under 4096 with valid formatting in each', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 1 2026-02-01', { from: user });
		const replies = await botReplies(harness.fake, chat.id, 2);
		expect(replies.length).toBeGreaterThanOrEqual(2);
		for (const message of replies) {
			expect(message.text.length).toBeLessThanOrEqual(4096);
			expect(checkEntities(message.text, message.entities)).toBeUndefined();
			// Every part keeps its own bold claims and links: formatting survives the split.
			expect(message.entities.some((entity) => entity.type === 'bold')).toBe(true);
		}
		const all = replies.map((message) => message.text).join('\n\n');
		for (let n = 1; n <= 14; n += 1) expect(all).toContain(`Paragraph ${n} 🚀 of the long story: the “team” said bold claim ${n} holds`);
		expect(replies[0]!.text).toMatch(/^1\. A very long story about .*tags.* & ampersands\n\nWhy it matters/);
		const claim = replies.flatMap((message) => message.entities.filter((entity) => entity.type === 'bold').map((entity) => message.text.slice(entity.offset, entity.offset + entity.length)));
		expect(claim).toContain('bold claim 7');
		// Buttons go under the last part only.
		expect(replies.slice(0, -1).every((message) => message.reply_markup === undefined)).toBe(true);
		expect(replies.at(-1)!.reply_markup).toBeDefined();
		// Parts are cut between paragraphs, not mid-sentence.
		for (const message of replies.slice(0, -1)) expect(message.text).toMatch(/for more \[1\]\.$/);
	});

	it('when a long answer goes to a group then the parts arrive in order, each accepted by Telegram', async () => {
		const group = groupChat();
		harness.fake.postText(group, '/story 1 2026-02-01', { from: newUser() });
		const replies = await botReplies(harness.fake, group.id, 2);
		expect(replies.map((message) => message.message_id)).toEqual([...replies.map((message) => message.message_id)].sort((a, b) => a - b));
		expect(harness.fake.calls.filter((call) => call.params.chat_id === group.id && !call.ok)).toEqual([]);
		expect(replies.map((message) => message.text).join('\n\n')).toContain('Paragraph 14 🚀');
	});
});
