import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A Telegram group (-100) the caller administers; a reference names a channel instead. */
const access: ChatAccess = {
	async resolveTarget(reference): Promise<TargetResolution> {
		return { ok: true, resolved: { target: { platform: 'telegram', chatId: reference ?? '-100' }, kind: reference ? 'channel' : 'group', label: reference ?? 'this group' } };
	},
	// A Telegram-like platform: chats are named "@name".
	isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	listScope: () => ({ platform: 'telegram', chatId: '-100' }),
};

async function setup() {
	const archive = await referenceArchive();
	const subscriptions = createKeyvSubscriptionStore(new Keyv());
	const dispatcher = createDispatcher(commands, { services: { archive, subscriptions } });
	const say = async (text: string, locale?: string): Promise<string> => {
		const blocks: Block[] = [];
		const origin = { access, chat: { platform: 'telegram' as const, id: '-100', kind: 'group' as const }, user: { id: 'admin' }, locale };
		for await (const block of completeBlocks(dispatcher.runText(text, origin))) blocks.push(block);
		return textOf(blocks);
	};
	return { say, subscriptions };
}

describe('/settings at', () => {
	it('when an admin picks 08:00 Europe/Berlin then it is confirmed, stored, kept by other settings and shown by /subscriptions', async () => {
		const { say, subscriptions } = await setup();
		await say('/subscribe headlines');
		expect(await say('/settings at 8:00 europe/berlin')).toContain('Saved: this group gets each new issue at 08:00 (Europe/Berlin).');
		await say('/settings full');
		expect(await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100' })).toMatchObject({ format: 'full', deliverAt: { time: '08:00', zone: 'Europe/Berlin' } });
		expect(await subscriptions.deliveryTimes()).toEqual(new Map([['telegram:-100', { time: '08:00', zone: 'Europe/Berlin' }]]));
		expect(await say('/subscriptions')).toContain('at 08:00 (Europe/Berlin)');
	});

	it('when "off" is chosen then issues are posted at once again and /subscriptions shows no hour', async () => {
		const { say, subscriptions } = await setup();
		await say('/subscribe');
		await say('/settings at 07:30 UTC');
		expect(await say('/settings at off')).toContain('Saved: this group gets each new issue as soon as it is published.');
		expect((await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100' }))?.deliverAt).toBeUndefined();
		expect((await subscriptions.deliveryTimes()).size).toBe(0);
		expect(await say('/subscriptions')).not.toContain('07:30');
	});

	it('when the zone has a typo then the closest zone names are suggested and nothing changes', async () => {
		const { say, subscriptions } = await setup();
		await say('/subscribe');
		const answer = await say('/settings at 08:00 Europe/Berln');
		expect(answer).toContain('I don\'t know the time zone “Europe/Berln”. Did you mean: Europe/Berlin');
		expect(await say('/settings at 08:00 Berlin')).toContain('Did you mean: Europe/Berlin');
		expect((await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100' }))?.deliverAt).toBeUndefined();
	});

	it('when the time or the zone is missing or wrong then the answer says how to write it', async () => {
		const { say } = await setup();
		await say('/subscribe');
		expect(await say('/settings at 25:00 UTC')).toContain('“25:00” is not a time of day');
		expect(await say('/settings at')).toContain('Give a time of day and a time zone');
		expect(await say('/settings at 08:00')).toContain('Add a time zone after the time');
		expect(await say('/settings at 08:00 +02:00')).toContain('I don\'t know the time zone “+02:00”');
	});

	it('when a channel follows the zone then that channel’s subscription gets the hour', async () => {
		const { say, subscriptions } = await setup();
		await say('/subscribe @digest_news');
		expect(await say('/settings at 06:45 Asia/Tokyo @digest_news')).toContain('Saved: @digest_news gets each new issue at 06:45 (Asia/Tokyo).');
		expect(await subscriptions.getByTarget({ platform: 'telegram', chatId: '@digest_news' })).toMatchObject({ deliverAt: { time: '06:45', zone: 'Asia/Tokyo' } });
		expect(await say('/settings at off @digest_news')).toContain('Saved: @digest_news gets each new issue as soon as it is published.');
	});

	it('when the reader writes Russian then the confirmation is in Russian', async () => {
		const { say } = await setup();
		await say('/subscribe');
		expect(await say('/settings at 09:00 Europe/Moscow', 'ru')).toContain('в 09:00 (Europe/Moscow)');
	});
});
