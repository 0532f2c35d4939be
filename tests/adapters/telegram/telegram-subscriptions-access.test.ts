import { Keyv } from 'keyv';
import type { Chat, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { groupAnonymousBot, myChatMemberUpdate } from '../../fakes/telegram-updates.js';
import { botReplies, channelChat, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
let store: SubscriptionStore;
const botAdmin: User = { id: 777_001, is_bot: false, first_name: 'Operator' };

beforeEach(async () => {
	store = createKeyvSubscriptionStore(new Keyv());
	harness = await startHarness({ subscriptions: store, env: { ADMIN_IDS: String(botAdmin.id) } });
});

afterEach(async () => {
	await harness.close();
});

const replyNumber = async (chatId: number, count: number): Promise<string> => (await botReplies(harness.fake, chatId, count)).at(count - 1)?.text ?? '';

describe('when the bot starts receiving updates', () => {
	it('then it asks Telegram for membership changes and channel posts', async () => {
		await harness.fake.waitFor(() => harness.fake.callsTo('getUpdates').length > 0);
		expect(harness.fake.callsTo('getUpdates')[0]?.params.allowed_updates).toEqual(expect.arrayContaining(['message', 'channel_post', 'my_chat_member', 'callback_query']));
	});
});

describe('when an anonymous administrator writes as the group', () => {
	it('then the group is subscribed without asking Telegram who @GroupAnonymousBot is', async () => {
		const group = groupChat();
		harness.fake.addChat(group);
		// Were the bot to ask about @GroupAnonymousBot, it would hear that it is no member.
		harness.fake.members.set(group.id, groupAnonymousBot.id, { status: 'left' });
		harness.fake.postText(group, '/subscribe', { asGroup: true });
		expect(await replyNumber(group.id, 1)).toContain('This group is now subscribed');
		expect(harness.fake.callsTo('getChatMember').filter((call) => Number(call.params.user_id) !== harness.fake.me.id)).toEqual([]);
	});
});

describe('when a member who is not an administrator sends /unsubscribe in a subscribed group', () => {
	it('then they are refused and the group stays subscribed', async () => {
		const group = groupChat();
		const admin = newUser();
		const member = newUser('Mo');
		harness.fake.addChat(group);
		harness.fake.members.set(group.id, admin.id, { status: 'creator' });
		harness.fake.members.set(group.id, member.id, { status: 'member' });
		harness.fake.postText(group, '/subscribe', { from: admin });
		expect(await replyNumber(group.id, 1)).toContain('This group is now subscribed');
		harness.fake.postText(group, '/unsubscribe', { from: member });
		expect(await replyNumber(group.id, 2)).toContain('Only administrators of this group can change its subscription.');
		expect(await store.activeIds()).toEqual([`telegram:${group.id}`]);
	});
});

describe('when /subscribe is posted in a channel where the bot may not post', () => {
	it('then nothing is stored and the answer names the missing right', async () => {
		const channel = channelChat();
		harness.fake.addChat(channel);
		harness.fake.members.set(channel.id, harness.fake.me.id, { status: 'administrator', can_post_messages: false });
		harness.fake.postText(channel, '/subscribe');
		expect(await replyNumber(channel.id, 1)).toContain('I can\'t post in this channel: I lack the “Post messages” right there.');
		expect(await store.activeIds()).toEqual([]);
	});
});

describe('when a channel admin sends /subscribe @channel before making the bot an administrator there', () => {
	it('then the answer says the bot must be added, not that the sender is no admin', async () => {
		const channel = { ...channelChat(), username: 'not_yet_added' } as Chat;
		const owner = newUser('Owner');
		harness.fake.addChat(channel);
		harness.fake.members.set(channel.id, owner.id, { status: 'creator' });
		harness.fake.members.set(channel.id, harness.fake.me.id, { status: 'left' });
		harness.fake.postText(privateChat(owner), '/subscribe @not_yet_added', { from: owner });
		expect(await replyNumber(owner.id, 1)).toContain('I can\'t post in @not_yet_added: I am not a member there; add me first.');
		expect(await store.activeIds()).toEqual([]);
	});
});

describe('when a button under a channel post asks to unsubscribe the channel', () => {
	it('then a reader who is not an administrator is refused, and an administrator is obeyed', async () => {
		const channel = channelChat();
		const reader = newUser('Reader');
		const admin = newUser('Editor');
		harness.fake.addChat(channel);
		harness.fake.members.set(channel.id, reader.id, { status: 'member' });
		harness.fake.members.set(channel.id, admin.id, { status: 'administrator' });
		harness.fake.postText(channel, '/subscribe');
		const [post] = await botReplies(harness.fake, channel.id, 1);
		// Callback data comes from the client: a modified one can send any, so the presser is checked.
		harness.fake.pressButton(reader, post!, 'c1 unsubscribe');
		await harness.fake.waitFor(() => harness.fake.callsTo('editMessageText').length >= 1);
		await harness.fake.settle();
		expect(harness.fake.botMessages(channel.id)[0]?.text).toContain('Only administrators of this channel can change its subscription.');
		expect(await store.activeIds()).toEqual([`telegram:${channel.id}`]);

		harness.fake.pressButton(admin, harness.fake.botMessages(channel.id)[0]!, 'c1 unsubscribe');
		await harness.fake.waitFor(() => harness.fake.callsTo('editMessageText').length >= 2);
		await harness.fake.settle();
		expect(harness.fake.botMessages(channel.id)[0]?.text).toContain('this channel will get no more issues');
		expect(await store.activeIds()).toEqual([]);
	});
});

describe('when a reader blocks the bot in their private chat', () => {
	it('then their subscription ends as “reader-left”', async () => {
		const reader = newUser();
		harness.fake.postText(privateChat(reader), '/subscribe', { from: reader });
		expect(await replyNumber(reader.id, 1)).toContain('This chat is now subscribed');
		harness.fake.pushUpdate(myChatMemberUpdate(privateChat(reader), harness.fake.me, { from: reader, to_status: 'kicked' }));
		await vi.waitFor(async () => expect(await store.get(`telegram:${reader.id}`)).toMatchObject({ status: 'ended', endReason: 'reader-left' }));
	});

	it('then a change that leaves the bot in the chat (promoted to admin) ends nothing', async () => {
		const group = groupChat();
		const admin = newUser();
		harness.fake.addChat(group);
		harness.fake.postText(group, '/subscribe', { from: admin });
		await replyNumber(group.id, 1);
		harness.fake.pushUpdate(myChatMemberUpdate(group, harness.fake.me, { from: admin, to_status: 'administrator' }));
		await harness.fake.settle();
		expect(await store.activeIds()).toEqual([`telegram:${group.id}`]);
	});
});

describe('when someone asks for /status', () => {
	it('then a bot administrator (ADMIN_IDS) sees it and anyone else is refused', async () => {
		const stranger = newUser('Stranger');
		harness.fake.postText(privateChat(stranger), '/status', { from: stranger });
		expect(await replyNumber(stranger.id, 1)).toContain('Only the administrators of this bot can see its status.');
		harness.fake.postText(privateChat(botAdmin), '/status', { from: botAdmin });
		expect(await replyNumber(botAdmin.id, 1)).toContain('Issues in the archive: 2');
	});
});
