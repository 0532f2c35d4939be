import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import type { FakeChannel } from '../../fakes/discord-guild.js';
import { startHarness, type Harness } from './discord-harness.js';

/** Polls the store until the subscription of a channel has ended, then returns it. */
async function endedSubscription(store: SubscriptionStore, chatId: string, timeoutMs = 5000): Promise<Subscription> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await store.get(`discord:${chatId}`);
		if (found?.status === 'ended') return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for the subscription of ${chatId} to end`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('discord subscriptions end when Discord says the channel or the server is gone', () => {
	let harness: Harness;
	let store: SubscriptionStore;
	let news: FakeChannel;
	let sports: FakeChannel;
	let weather: FakeChannel;
	let thread: FakeChannel;
	let newsThread: FakeChannel;

	beforeAll(async () => {
		store = createKeyvSubscriptionStore(new Keyv());
		harness = await startHarness({
			subscriptions: store,
			prepare(fake) {
				news = fake.guild.addChannel('news');
				sports = fake.guild.addChannel('sports');
				weather = fake.guild.addChannel('weather');
				thread = fake.guild.addThread(sports.id, 'match-day');
				newsThread = fake.guild.addThread(news.id, 'breaking');
			},
		});
		const { guildId, userId, dmChannelId } = harness.fake.identity;
		for (const channel of [news, sports, weather, thread, newsThread]) await store.subscribe({ platform: 'discord', chatId: channel.id, kind: 'community-channel', communityId: guildId, createdBy: userId });
		await store.subscribe({ platform: 'discord', chatId: dmChannelId, kind: 'private', createdBy: userId });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when a subscribed channel is deleted (CHANNEL_DELETE), then its subscription and its threads\' end as channel-deleted and the others stay', async () => {
		harness.fake.deleteChannel(news.id);
		expect(await endedSubscription(store, news.id)).toMatchObject({ endReason: 'chat-gone' });
		expect(await endedSubscription(store, newsThread.id)).toMatchObject({ endReason: 'chat-gone' });
		expect((await store.listFor({ platform: 'discord', communityId: harness.fake.identity.guildId })).map((subscription) => subscription.chatId)).toEqual([sports.id, weather.id, thread.id]);
	});

	it('when a subscribed thread is deleted (THREAD_DELETE), then its subscription ends and its channel stays subscribed', async () => {
		harness.fake.deleteChannel(thread.id);
		expect(await endedSubscription(store, thread.id)).toMatchObject({ endReason: 'chat-gone' });
		expect(await store.getByTarget({ platform: 'discord', chatId: sports.id })).toBeDefined();
	});

	it('when the server has an outage (GUILD_DELETE unavailable), then nothing ends', async () => {
		harness.fake.removeFromGuild({ outage: true });
		// The gateway is ordered: once this later deletion is handled, the outage has been too.
		harness.fake.deleteChannel(weather.id);
		await endedSubscription(store, weather.id);
		expect(await store.getByTarget({ platform: 'discord', chatId: sports.id })).toBeDefined();
	});

	it('when the bot is then removed from the server (GUILD_DELETE), then every subscription of the server ends as removed and the DM stays', async () => {
		harness.fake.removeFromGuild();
		expect(await endedSubscription(store, sports.id)).toMatchObject({ endReason: 'access-lost' });
		expect(await store.listFor({ platform: 'discord', communityId: harness.fake.identity.guildId })).toEqual([]);
		expect(await store.getByTarget({ platform: 'discord', chatId: harness.fake.identity.dmChannelId })).toMatchObject({ status: 'active' });
	});
});
