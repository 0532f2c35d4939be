import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botReplies, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('telegram adapter: /ask citations (extractive, no model configured)', () => {
	it('when /ask cites a story then the citation is a link that opens that story in the bot, and Telegram accepts every entity', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const messages = await botReplies(harness.fake, chat.id);
		const links = messages.flatMap((message) =>
			message.entities.filter((entity) => entity.type === 'text_link').map((entity) => ({ text: message.text.slice(entity.offset, entity.offset + entity.length), url: (entity as { url: string }).url })),
		);
		expect(links).toContainEqual({ text: '[2026-03-03 · 1]', url: 'https://t.me/digest_test_bot?start=2026-03-03-s1' });
		expect(messages.at(-1)!.reply_markup).toBeDefined();
	});
});
