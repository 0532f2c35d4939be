import { Keyv } from 'keyv';
import type { Chat } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { botReplies, channelChat, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
let store: SubscriptionStore;

beforeEach(async () => {
	store = createKeyvSubscriptionStore(new Keyv());
	harness = await startHarness({ subscriptions: store });
});

afterEach(async () => {
	await harness.close();
});

const lastReply = async (chatId: number, count = 1): Promise<string> => (await botReplies(harness.fake, chatId, count)).at(-1)?.text ?? '';

describe('when a reader subscribes in a private chat', () => {
	it('then that chat is subscribed, and /unsubscribe ends it', async () => {
		const user = newUser();
		harness.fake.postText(privateChat(user), '/subscribe headlines', { from: user });
		expect(await lastReply(user.id)).toContain('This chat is now subscribed');
		expect(await store.getByTarget({ platform: 'telegram', chatId: String(user.id) })).toMatchObject({ kind: 'private', format: 'headlines' });
		harness.fake.postText(privateChat(user), '/unsubscribe', { from: user });
		expect(await lastReply(user.id, 2)).toContain('will get no more issues');
		expect(await store.activeIds()).toEqual([]);
	});
});

describe('when someone subscribes a group', () => {
	it('then a member who is not an administrator is refused and nothing is stored', async () => {
		const group = groupChat();
		const user = newUser();
		harness.fake.addChat(group);
		harness.fake.members.set(group.id, user.id, { status: 'member' });
		harness.fake.postText(group, '/subscribe', { from: user });
		expect(await lastReply(group.id)).toContain('Only administrators of this group can change its subscription.');
		expect(await store.activeIds()).toEqual([]);
	});

	it('then an administrator, or an anonymous administrator posting as the group, subscribes it', async () => {
		const group = groupChat();
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.members.set(group.id, admin.id, { status: 'administrator' });
		harness.fake.postText(group, '/subscribe full', { from: admin });
		expect(await lastReply(group.id)).toContain('This group is now subscribed');

		const other = groupChat();
		harness.fake.addChat(other);
		harness.fake.postText(other, '/subscribe');
		expect(await lastReply(other.id)).toContain('This group is now subscribed');
		expect((await store.activeIds()).sort()).toEqual([`telegram:${group.id}`, `telegram:${other.id}`].sort());
	});

	it('then in a forum the subscription is the topic the command was sent in', async () => {
		const forum = groupChat({ forum: true });
		const admin = newUser();
		harness.fake.addChat(forum, [42]);
		harness.fake.postText(forum, '/subscribe', { from: admin, threadId: 42 });
		expect(await lastReply(forum.id)).toContain('This topic is now subscribed');
		expect(await store.getByTarget({ platform: 'telegram', chatId: String(forum.id), threadId: '42' })).toMatchObject({ threadId: '42' });
	});
});

describe('when a channel is subscribed', () => {
	it('then a /subscribe posted in the channel subscribes it when the bot may post there', async () => {
		const channel = channelChat();
		harness.fake.addChat(channel);
		harness.fake.postText(channel, '/subscribe top');
		expect(await lastReply(channel.id)).toContain('This channel is now subscribed');
		expect(await store.getByTarget({ platform: 'telegram', chatId: String(channel.id) })).toMatchObject({ kind: 'channel' });
	});

	it('then /subscribe @channel from a private chat checks that the sender administers it and that the bot can post', async () => {
		const channel = { ...channelChat(), username: 'digest_news' } as Chat;
		const user = newUser();
		harness.fake.addChat(channel);
		harness.fake.members.set(channel.id, user.id, { status: 'member' });
		harness.fake.postText(privateChat(user), '/subscribe @digest_news', { from: user });
		expect(await lastReply(user.id)).toContain('Only administrators of @digest_news can change its subscription.');

		harness.fake.members.set(channel.id, user.id, { status: 'administrator' });
		harness.fake.members.set(channel.id, harness.fake.me.id, { status: 'administrator', can_post_messages: false });
		harness.fake.postText(privateChat(user), '/subscribe @digest_news', { from: user });
		expect(await lastReply(user.id, 2)).toContain('I can\'t post in @digest_news: I lack the “Post messages” right there.');
		expect(await store.activeIds()).toEqual([]);

		harness.fake.members.set(channel.id, harness.fake.me.id, { status: 'administrator', can_post_messages: true });
		harness.fake.postText(privateChat(user), '/subscribe @digest_news full', { from: user });
		expect(await lastReply(user.id, 3)).toContain('@digest_news is now subscribed');
		expect(await store.getByTarget({ platform: 'telegram', chatId: String(channel.id) })).toMatchObject({ kind: 'channel', format: 'full' });

		harness.fake.postText(privateChat(user), '/subscribe @nowhere_at_all', { from: user });
		expect(await lastReply(user.id, 4)).toContain('I can\'t find @nowhere_at_all');
	});
});

describe('when Telegram reports changes to the bot\'s membership', () => {
	it('then being removed from a group ends its subscriptions', async () => {
		const group = groupChat();
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.postText(group, '/subscribe', { from: admin });
		await lastReply(group.id);
		harness.fake.pushUpdate({
			my_chat_member: {
				chat: group,
				from: admin,
				date: Math.floor(Date.now() / 1000),
				old_chat_member: { status: 'member', user: { ...harness.fake.me } },
				new_chat_member: { status: 'kicked', user: { ...harness.fake.me }, until_date: 0 },
			},
		});
		await vi.waitFor(async () => expect(await store.get(`telegram:${group.id}`)).toMatchObject({ status: 'ended', endReason: 'access-lost' }));
		expect(await store.activeIds()).toEqual([]);
	});

	it('then a group that became a supergroup keeps its subscription under the new id', async () => {
		const group = { id: -4242, type: 'group', title: 'Old group' } as Chat;
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.postText(group, '/subscribe', { from: admin });
		await lastReply(group.id);
		harness.fake.pushUpdate({ message: { message_id: 99, date: Math.floor(Date.now() / 1000), chat: group, from: admin, migrate_to_chat_id: -1009999 } as never });
		await vi.waitFor(async () => expect(await store.activeIds()).toEqual(['telegram:-1009999']));
	});

	it('then the supergroup\'s own half of the migration (migrate_from_chat_id) moves it too, keeping its format', async () => {
		const group = { id: -4343, type: 'group', title: 'Old group' } as Chat;
		const supergroup = { id: -1004343, type: 'supergroup', title: 'Old group' } as Chat;
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.postText(group, '/subscribe full', { from: admin });
		await lastReply(group.id);
		harness.fake.addChat(supergroup);
		harness.fake.pushUpdate({ message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: supergroup, from: admin, migrate_from_chat_id: group.id } as never });
		await vi.waitFor(async () => expect(await store.activeIds()).toEqual([`telegram:${supergroup.id}`]));
		expect(await store.get(`telegram:${supergroup.id}`)).toMatchObject({ format: 'full', status: 'active' });
	});
});

describe('when an administrator sets the hour of a group’s subscription', () => {
	it('then /settings at 08:00 Europe/Berlin is confirmed, /subscriptions shows it, and a typo in the zone gets suggestions', async () => {
		const group = groupChat();
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.members.set(group.id, admin.id, { status: 'administrator' });
		harness.fake.postText(group, '/subscribe', { from: admin });
		expect(await lastReply(group.id)).toContain('This group is now subscribed');
		harness.fake.postText(group, '/settings at 08:00 Europe/Berlin', { from: admin });
		expect(await lastReply(group.id, 2)).toBe('Saved: this group gets each new issue at 08:00 (Europe/Berlin). Issues that arrive in between come together in one post.');
		expect(await store.getByTarget({ platform: 'telegram', chatId: String(group.id) })).toMatchObject({ deliverAt: { time: '08:00', zone: 'Europe/Berlin' } });
		harness.fake.postText(group, '/subscriptions', { from: admin });
		expect(await lastReply(group.id, 3)).toContain('at 08:00 (Europe/Berlin)');
		harness.fake.postText(group, '/settings at 08:00 Europe/Berln', { from: admin });
		expect(await lastReply(group.id, 4)).toContain('Did you mean: Europe/Berlin');
	});

	it('then a member who is not an administrator is refused and the hour is not stored', async () => {
		const group = groupChat();
		const admin = newUser();
		const member = newUser();
		harness.fake.addChat(group);
		harness.fake.members.set(group.id, admin.id, { status: 'administrator' });
		harness.fake.members.set(group.id, member.id, { status: 'member' });
		harness.fake.postText(group, '/subscribe', { from: admin });
		expect(await lastReply(group.id)).toContain('This group is now subscribed');
		harness.fake.postText(group, '/settings at 08:00 Europe/Berlin', { from: member });
		expect(await lastReply(group.id, 2)).toContain('Only administrators of this group can change its subscription.');
		expect((await store.getByTarget({ platform: 'telegram', chatId: String(group.id) }))?.deliverAt).toBeUndefined();
	});
});
