import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../builders/digest-builder.js';
import { discordChannel, firstRevision, readers, startCorrectionBot, storyAdded, typoFixed, type CorrectionBot } from './corrections-harness.js';

const bots: CorrectionBot[] = [];

afterEach(async () => {
	for (const bot of bots.splice(0)) await bot.close();
});

async function botWithFirstPost(): Promise<CorrectionBot> {
	const bot = await startCorrectionBot();
	bots.push(bot);
	expect(await bot.publish(firstRevision)).toBe('added');
	await bot.settled((status) => status.delivered === 3);
	return bot;
}

const telegramText = (bot: CorrectionBot, chatId: number): string =>
	bot.telegram
		.botMessages(chatId)
		.map((message) => message.text)
		.join('\n');
const discordPosts = (bot: CorrectionBot) => bot.discord.callsTo('POST', new RegExp(`^/channels/${discordChannel}/messages$`));
const discordEdits = (bot: CorrectionBot) => bot.discord.callsTo('PATCH', new RegExp(`^/channels/${discordChannel}/messages/\\d+$`));

describe('when a published issue is published again with a typo fixed', () => {
	it('then every subscriber’s post is edited in place, nothing is posted twice, and /status counts the edits', async () => {
		const bot = await botWithFirstPost();
		const posts = { telegram: bot.telegram.callsTo('sendMessage').length, discord: discordPosts(bot).length };
		expect(telegramText(bot, readers.ada.id)).toContain('Rules get striter');

		expect(await bot.publish(typoFixed)).toBe('updated');
		const status = await bot.settled((summary) => summary.correction?.edited === 3);

		expect(bot.telegram.callsTo('sendMessage')).toHaveLength(posts.telegram);
		expect(discordPosts(bot)).toHaveLength(posts.discord);
		expect(bot.telegram.callsTo('editMessageText').filter((call) => call.ok).length).toBeGreaterThanOrEqual(2);
		expect(discordEdits(bot).length).toBeGreaterThanOrEqual(1);
		for (const reader of [readers.ada, readers.bo]) {
			expect(telegramText(bot, reader.id)).toContain('Rules get stricter');
			expect(telegramText(bot, reader.id)).not.toContain('striter');
		}
		expect(bot.discordText()).toContain('Rules get stricter');
		expect(bot.discordText()).not.toContain('striter');
		// The broadcast lines still show the issue; the correction has its own counts.
		expect(status).toMatchObject({ issueId: '2026-06-01', delivered: 3, correction: { edited: 3, posted: 0, failed: 0, pending: 0, total: 3 } });
	});

	it('then the same corrected revision published again is one correction, not two', async () => {
		const bot = await botWithFirstPost();
		await bot.publish(typoFixed);
		await bot.settled((summary) => summary.correction?.edited === 3);
		const edits = bot.telegram.callsTo('editMessageText').length + discordEdits(bot).length;
		// Other bytes, the same content: the archive reports "updated", the revision is the same.
		expect(await bot.publish(`${buildDigest(typoFixed)}\n\n`)).toBe('updated');
		expect(await bot.publish(buildDigest(typoFixed))).toBe('updated');
		await bot.settled();
		expect(bot.telegram.callsTo('editMessageText').length + discordEdits(bot).length).toBe(edits);
	});
});

describe('when an unchanged issue is published again', () => {
	it('then nothing is edited or posted', async () => {
		const bot = await botWithFirstPost();
		const calls = { telegram: bot.telegram.calls.length, discord: bot.discord.calls.length };
		expect(await bot.publish(firstRevision)).toBe('unchanged');
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(bot.telegram.calls.length).toBe(calls.telegram);
		expect(bot.discord.calls.length).toBe(calls.discord);
		expect((await bot.publishing.broadcastStatus())?.correction).toBeUndefined();
	});
});

describe('when a subscriber deleted the post before the correction', () => {
	it('then they get one short correction post naming what changed, in their chat’s language, and the others are edited', async () => {
		const bot = await botWithFirstPost();
		await bot.languages.set({ platform: 'discord', chatId: discordChannel }, 'ru');
		for (const message of bot.telegram.botMessages(readers.ada.id)) bot.telegram.deleteMessage(readers.ada.id, message.message_id);
		for (const message of bot.discord.messagesIn(discordChannel)) message.deleted = true;
		const posts = { ada: bot.telegram.callsTo('sendMessage').filter((call) => String(call.params.chat_id) === String(readers.ada.id)).length, discord: discordPosts(bot).length };

		await bot.publish(storyAdded);
		const status = await bot.settled((summary) => (summary.correction?.edited ?? 0) + (summary.correction?.posted ?? 0) === 3);

		const adaPosts = bot.telegram.callsTo('sendMessage').filter((call) => String(call.params.chat_id) === String(readers.ada.id));
		expect(adaPosts).toHaveLength(posts.ada + 1);
		const notice = String(adaPosts.at(-1)?.params.text);
		expect(notice).toContain('Correction to Correction Digest');
		expect(notice).toContain('“Rules get stricter”');
		expect(notice).toContain('added “A second benchmark”');
		expect(notice).toContain('/issue 2026-06-01');
		expect(discordPosts(bot)).toHaveLength(posts.discord + 1);
		expect(bot.discordText()).toContain('Исправление в выпуске Correction Digest');
		expect(telegramText(bot, readers.bo.id)).toContain('Rules get stricter');
		expect(status.correction).toMatchObject({ edited: 1, posted: 2, failed: 0 });
	});
});

describe('when the bot stops while a correction is still waiting to be sent', () => {
	it('then after the restart the waiting posts are edited, and nobody gets a second post', async () => {
		const first = await startCorrectionBot();
		let running: CorrectionBot | undefined = first;
		try {
			await first.publish(firstRevision);
			await first.settled((status) => status.delivered === 3);
			const posts = first.telegram.callsTo('sendMessage').length;
			// Telegram asks the edits to wait: the two Telegram jobs go back to the queue, due later.
			first.telegram.inject('editMessageText', { status: 429, retryAfter: 2 }, { status: 429, retryAfter: 2 });
			await first.publish(typoFixed);
			await first.telegram.waitFor(() => first.telegram.callsTo('editMessageText').length >= 2);
			await first.publishing.stop();
			running = undefined;

			const second = await startCorrectionBot({ restart: first });
			running = second;
			const status = await second.settled((summary) => summary.correction?.edited === 3);
			expect(status.correction).toMatchObject({ edited: 3, posted: 0, failed: 0 });
			expect(second.telegram.callsTo('sendMessage')).toHaveLength(posts);
			expect(telegramText(second, readers.ada.id)).toContain('Rules get stricter');
			await second.close();
			running = undefined;
		} finally {
			await running?.close();
			await first.close().catch(() => undefined);
		}
	});
});

describe('when the issue file was corrected while the bot was down', () => {
	it('then the restarted bot edits the posts in place instead of ignoring the change', async () => {
		const first = await startCorrectionBot();
		try {
			await first.publish(firstRevision);
			await first.settled((status) => status.delivered === 3);
			const posts = first.telegram.callsTo('sendMessage').length;
			await first.publishing.stop();
			const second = await startCorrectionBot({ restart: first, publishBeforeStart: typoFixed });
			try {
				expect((await second.settled((summary) => summary.correction?.edited === 3)).correction).toMatchObject({ edited: 3, posted: 0 });
				expect(second.telegram.callsTo('sendMessage')).toHaveLength(posts);
			} finally {
				await second.close();
			}
		} finally {
			await first.close().catch(() => undefined);
		}
	});
});
