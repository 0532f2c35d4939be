import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';

const memoryStore = async () => createKeyvSubscriptionStore(await createKeyv({ url: 'memory://', dataDir: tmpdir() }));

describe('when a chat subscribes', () => {
	it('then subscribing the same target again is a no-op that keeps one subscription', async () => {
		const store = await memoryStore();
		const first = await store.subscribe({ platform: 'telegram', chatId: '-100', kind: 'group', format: 'top', createdBy: '7' });
		const second = await store.subscribe({ platform: 'telegram', chatId: '-100', kind: 'group', format: 'full', createdBy: '8' });
		expect(first.created).toBe(true);
		expect(second).toMatchObject({ created: false, subscription: { id: first.subscription.id, format: 'top', createdBy: '7' } });
		expect(await store.activeIds()).toEqual([first.subscription.id]);
	});

	it('then topics of one forum are separate targets, and the chat lists all of them', async () => {
		const store = await memoryStore();
		await store.subscribe({ platform: 'telegram', chatId: '-100', threadId: '3', kind: 'group', createdBy: '7' });
		await store.subscribe({ platform: 'telegram', chatId: '-100', threadId: '9', kind: 'group', createdBy: '7' });
		await store.subscribe({ platform: 'telegram', chatId: '-200', kind: 'group', createdBy: '7' });
		expect((await store.listFor({ platform: 'telegram', chatId: '-100' })).map((subscription) => subscription.threadId)).toEqual(['3', '9']);
		expect(await store.getByTarget({ platform: 'telegram', chatId: '-100', threadId: '3' })).toMatchObject({ format: 'headlines' });
	});

	it('then a Discord server lists the subscriptions of all its channels', async () => {
		const store = await memoryStore();
		await store.subscribe({ platform: 'discord', chatId: '111111111111111111', communityId: '900000000000000000', kind: 'community-channel', createdBy: 'a' });
		await store.subscribe({ platform: 'discord', chatId: '222222222222222222', communityId: '900000000000000000', kind: 'community-channel', createdBy: 'a' });
		await store.subscribe({ platform: 'discord', chatId: '333333333333333333', communityId: '800000000000000000', kind: 'community-channel', createdBy: 'a' });
		expect(await store.listFor({ platform: 'discord', communityId: '900000000000000000' })).toHaveLength(2);
	});
});

describe('when a subscription changes or ends', () => {
	it('then unsubscribing ends it with a reason and removes it from the active ids', async () => {
		const store = await memoryStore();
		const { subscription } = await store.subscribe({ platform: 'telegram', chatId: '42', kind: 'private', createdBy: '42' });
		const ended = await store.unsubscribe({ platform: 'telegram', chatId: '42' });
		expect(ended).toMatchObject({ status: 'ended', endReason: 'unsubscribed' });
		expect(await store.activeIds()).toEqual([]);
		expect(await store.getByTarget(subscription)).toBeUndefined();
		expect(await store.unsubscribe({ platform: 'telegram', chatId: '42' })).toBeUndefined();
	});

	it('then a kicked bot ends the subscription with "kicked", and subscribing again starts afresh', async () => {
		const store = await memoryStore();
		const { subscription } = await store.subscribe({ platform: 'telegram', chatId: '-5', kind: 'group', createdBy: '1' });
		expect(await store.end(subscription.id, 'access-lost')).toMatchObject({ endReason: 'access-lost' });
		expect(await store.subscribe({ platform: 'telegram', chatId: '-5', kind: 'group', createdBy: '2' })).toMatchObject({ created: true, subscription: { status: 'active', createdBy: '2' } });
	});

	it('then settings change the format and section filter of an active subscription only', async () => {
		const store = await memoryStore();
		const { subscription } = await store.subscribe({ platform: 'telegram', chatId: '42', kind: 'private', createdBy: '42' });
		expect(await store.update(subscription.id, { format: 'full', sections: ['policy'] })).toMatchObject({ format: 'full', sections: ['policy'] });
		expect(await store.update(subscription.id, { sections: [] })).not.toHaveProperty('sections');
		await store.unsubscribe(subscription);
		expect(await store.update(subscription.id, { format: 'top' })).toBeUndefined();
	});

	it('then a group that became a supergroup keeps its subscription under the new id, on SQLite across a restart', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'digestbot-subs-'));
		try {
			const first = await createKeyv({ dataDir: folder });
			const store = createKeyvSubscriptionStore(first);
			await store.subscribe({ platform: 'telegram', chatId: '-123', kind: 'group', format: 'top', sections: ['research'], createdBy: '7' });
			const moved = await store.migrate('telegram', '-123', '-100123');
			expect(moved).toHaveLength(1);
			await first.disconnect();

			const reopened = createKeyvSubscriptionStore(await createKeyv({ dataDir: folder }));
			expect(await reopened.getByTarget({ platform: 'telegram', chatId: '-123' })).toBeUndefined();
			expect(await reopened.get('telegram:-123')).toMatchObject({ status: 'ended', endReason: 'migrated', movedTo: 'telegram:-100123' });
			expect(await reopened.getByTarget({ platform: 'telegram', chatId: '-100123' })).toMatchObject({ format: 'top', sections: ['research'], createdBy: '7' });
			expect(await reopened.activeIds()).toEqual(['telegram:-100123']);
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});
});

describe('when many chats subscribe at the same moment', () => {
	it('then none is lost from the active ids (writes to the index are serialised)', async () => {
		const store = await memoryStore();
		await Promise.all(Array.from({ length: 50 }, (_, index) => store.subscribe({ platform: 'telegram', chatId: String(index + 1), kind: 'private', createdBy: 'x' })));
		expect(new Set(await store.activeIds()).size).toBe(50);
	});
});

describe('when a subscription chose an hour', () => {
	const hour = { time: '08:00', zone: 'Europe/Berlin' };

	it('then a group that becomes a supergroup keeps the hour under its new id, for the planner too', async () => {
		const store = await memoryStore();
		const { subscription } = await store.subscribe({ platform: 'telegram', chatId: '-100', kind: 'group', createdBy: '7' });
		await store.update(subscription.id, { deliverAt: hour });
		const [moved] = await store.migrate('telegram', '-100', '-1009');
		expect(moved).toMatchObject({ chatId: '-1009', deliverAt: hour });
		expect((await store.deliveryTimes()).get(moved!.id)).toEqual(hour);
	});

	it('then subscribing again after unsubscribing starts over without the old hour', async () => {
		const store = await memoryStore();
		const target = { platform: 'telegram' as const, chatId: '42', kind: 'private' as const, createdBy: '42' };
		const { subscription } = await store.subscribe(target);
		await store.update(subscription.id, { deliverAt: hour });
		await store.unsubscribe(target);
		const again = await store.subscribe(target);
		expect(again.subscription.deliverAt).toBeUndefined();
		expect((await store.deliveryTimes()).has(subscription.id)).toBe(false);
	});
});

describe('when a subscription ended before end reasons were neutral', () => {
	it('then its reason in a platform’s words reads as what the bot can do about it', async () => {
		const keyv = await createKeyv({ url: 'memory://', dataDir: tmpdir() });
		const stored = { platform: 'telegram', kind: 'private', format: 'headlines', createdBy: '1', createdAt: '2026-11-01T08:00:00.000Z', status: 'ended', endedAt: '2026-11-02T08:00:00.000Z' };
		const old = { blocked: 'reader-left', deactivated: 'reader-left', kicked: 'access-lost', 'missing-access': 'access-lost', removed: 'access-lost', 'chat-not-found': 'chat-gone', 'channel-deleted': 'chat-gone' };
		for (const [index, reason] of Object.keys(old).entries()) await keyv.set(`subscription:telegram:${index}`, { ...stored, id: `telegram:${index}`, chatId: String(index), endReason: reason });
		const store = createKeyvSubscriptionStore(keyv);
		for (const [index, reason] of Object.values(old).entries()) expect(await store.get(`telegram:${index}`)).toMatchObject({ status: 'ended', endReason: reason });
	});
});
