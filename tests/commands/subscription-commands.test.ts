import { completeBlocks } from '../../src/content/assemble-blocks.js';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { failure } from '../../src/i18n/failures.js';
import type { Block } from '../../src/content/block.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A capturing ChatAccess: the chat is a Telegram group where only user "admin" administers. */
function groupAccess(): ChatAccess & { asked: (string | undefined)[] } {
	const asked: (string | undefined)[] = [];
	return {
		asked,
		async resolveTarget(reference, purpose): Promise<TargetResolution> {
			asked.push(reference);
			if (reference === '@nochannel') return { ok: false, failure: failure('target-not-found', { reference }) };
			if (purpose === 'subscribe' && reference === '@readonly') return { ok: false, failure: failure('cannot-post', { where: '@readonly', reason: 'not-channel-admin' }) };
			return { ok: true, resolved: { target: { platform: 'telegram', chatId: reference ?? '-100', ...(reference ? {} : { threadId: '7' }) }, kind: reference ? 'channel' : 'group', label: reference ?? 'this group' } };
		},
		// A Telegram-like platform: chats are named "@name".
		isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
		listScope: () => ({ platform: 'telegram', chatId: '-100' }),
	};
}

async function setup() {
	const archive = await referenceArchive();
	const subscriptions = createKeyvSubscriptionStore(new Keyv());
	// User "42" is the bot's administrator (ADMIN_IDS); "admin" administers the group only.
	const dispatcher = createDispatcher(commands, { services: { archive, subscriptions }, adminIds: ['42'] });
	const access = groupAccess();
	const say = async (text: string, user = 'admin', overrides: { access?: ChatAccess } = {}): Promise<Block[]> => {
		const blocks: Block[] = [];
		const origin = { access: overrides.access ?? access, chat: { platform: 'telegram' as const, id: '-100', kind: 'group' as const }, user: { id: user } };
		for await (const block of completeBlocks(dispatcher.runText(text, origin))) blocks.push(block);
		return blocks;
	};
	return { say, subscriptions, access, archive };
}

describe('subscription commands', () => {
	it('when an admin subscribes then the chat is subscribed with the top format, and subscribing again changes nothing', async () => {
		const { say, subscriptions } = await setup();
		expect(textOf(await say('/subscribe'))).toContain('This group is now subscribed. Each new issue arrives as the top stories with why they matter.');
		expect(textOf(await say('/subscribe'))).toContain('was already subscribed.');
		expect(await subscriptions.activeIds()).toEqual(['telegram:-100:7']);
	});

	it('when a format and sections are given then they are saved, in either order', async () => {
		const { say, subscriptions } = await setup();
		expect(textOf(await say('/subscribe headlines Policy, Quick Takes'))).toContain('the title and top headlines, with commands to read more from Policy, Quick Takes');
		expect(await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100', threadId: '7' })).toMatchObject({ format: 'headlines', sections: ['Policy', 'Quick Takes'] });
		expect(textOf(await say('/subscribe @digest_news full'))).toContain('@digest_news is now subscribed');
		expect(await subscriptions.getByTarget({ platform: 'telegram', chatId: '@digest_news' })).toMatchObject({ format: 'full', kind: 'channel' });
	});

	it('when the platform refuses the target then its reason is the answer and nothing is stored', async () => {
		const { say, subscriptions } = await setup();
		expect(await say('/subscribe @readonly')).toEqual([expect.objectContaining({ code: 'cannot-post' })]);
		expect(await say('/subscribe @nochannel')).toEqual([expect.objectContaining({ code: 'target-not-found' })]);
		expect(await say('/subscribe monthly')).toEqual([expect.objectContaining({ code: 'bad-argument' })]);
		expect(await subscriptions.activeIds()).toEqual([]);
	});

	it('when settings change then the subscription follows, and an unsubscribed chat is told to subscribe first', async () => {
		const { say, subscriptions } = await setup();
		expect(await say('/settings full')).toEqual([expect.objectContaining({ code: 'not-subscribed' })]);
		await say('/subscribe');
		expect(textOf(await say('/settings FULL research'))).toContain('Saved: this group gets the whole issue, in as many messages as it takes from research.');
		expect(await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100', threadId: '7' })).toMatchObject({ format: 'full', sections: ['research'] });
		await say('/settings headlines all');
		const updated = await subscriptions.getByTarget({ platform: 'telegram', chatId: '-100', threadId: '7' });
		expect(updated?.format).toBe('headlines');
		expect(updated?.sections ?? []).toEqual([]);
	});

	it('when unsubscribing then the chat stops receiving, and /subscriptions lists what is left', async () => {
		const { say, subscriptions } = await setup();
		await say('/subscribe');
		expect(textOf(await say('/subscriptions'))).toContain('top, since');
		expect(textOf(await say('/unsubscribe'))).toContain('Done: this group will get no more issues.');
		expect(await subscriptions.activeIds()).toEqual([]);
		expect(await say('/unsubscribe')).toEqual([expect.objectContaining({ code: 'not-subscribed' })]);
		expect(textOf(await say('/subscriptions'))).toContain('Nothing here is subscribed.');
	});

	it('when a channel is named as the platform does not write chats then it is refused with the usage, and the platform is never asked to find it', async () => {
		const { say, access } = await setup();
		const refused = await say('/subscribe #news');
		expect(refused).toEqual([expect.objectContaining({ code: 'bad-argument' })]);
		expect(textOf(refused)).toContain('must be a @channel or #channel');
		expect(access.asked).toEqual([]);
	});

	it('when there is no platform access (the console) then subscriptions are explained as unavailable', async () => {
		const { archive } = await setup();
		const blocks: Block[] = [];
		const origin = { chat: { platform: 'console' as const, id: 'c', kind: 'private' as const }, user: { id: 'u' } };
		for await (const block of completeBlocks(createDispatcher(commands, { services: { archive } }).runText('/subscribe', origin))) blocks.push(block);
		expect(blocks).toEqual([expect.objectContaining({ code: 'subscriptions-unavailable' })]);
	});

	it('when /status is asked then only bot admins see counts', async () => {
		const { say } = await setup();
		expect(await say('/status')).toEqual([expect.objectContaining({ code: 'bot-admins-only' })]);
		expect(textOf(await say('/status', '42'))).toContain('No broadcast yet.');
	});
});
