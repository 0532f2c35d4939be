import { ChannelType } from 'discord.js';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import { createKeyvCorrectionStores } from '../../../src/delivery/corrections/correction-stores.js';
import { createDeliveryWorker } from '../../../src/delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createPacedRateLimiter } from '../../../src/delivery/limits/paced-rate-limiter.js';
import { createKeyvWaitingFollowUps } from '../../../src/delivery/waiting-follow-ups.js';
import { createKeyvSubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { crosspostsPerHour } from '../../fakes/discord-forums.js';
import type { FakeChannel } from '../../fakes/discord-guild.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';
import { fastPolicy, sampleIssue } from '../../delivery/delivery-harness.js';
import { fakeToken } from './discord-harness.js';

const perKind = 250;

/**
 * One issue to 1,000 Discord channels of every kind a subscription may name, through the keyv
 * engine, the real discord.js client and the fake Discord, at the transport's own limits but
 * for the global one (raised: nothing real is behind the fake).
 */
describe('a broadcast to 1,000 Discord channels of mixed kinds', () => {
	let fake: FakeDiscordServer;
	let delivery: DiscordDelivery;
	let issue: ArchivedIssue;
	const channels: Record<'text' | 'forum' | 'announcement' | 'thread', FakeChannel[]> = { text: [], forum: [], announcement: [], thread: [] };

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, globalRequestsPerSecond: 100_000 });
		issue = await sampleIssue();
		const parent = fake.guild.addChannel('threads-home');
		for (let index = 0; index < perKind; index += 1) {
			channels.text.push(fake.guild.addChannel(`text-${index}`));
			channels.forum.push(fake.guild.addForum(`forum-${index}`, ['Research']));
			channels.announcement.push(fake.guild.addChannel(`news-${index}`, ChannelType.GuildAnnouncement));
			channels.thread.push(fake.guild.addThread(parent.id, `thread-${index}`));
		}
	});
	afterAll(async () => {
		delivery?.stop();
		await fake?.close();
	});

	it('when the issue is broadcast, then every channel gets it exactly once in its own way, and each announcement channel’s crosspost stays within its hourly limit', async () => {
		const keyv = new Keyv();
		const subscriptions = createKeyvSubscriptionStore(keyv);
		const queue = await createKeyvDeliveryQueue(keyv);
		const followUps = createKeyvWaitingFollowUps(keyv);
		const limits = delivery.transport.limits;
		if (!limits) throw new Error('the Discord transport declares no limits');
		const all = Object.values(channels).flat();
		for (const channel of all) await subscriptions.subscribe({ platform: 'discord', chatId: channel.id, kind: 'community-channel', communityId: fake.identity.guildId, format: 'top', createdBy: 'admin' });
		const worker = createDeliveryWorker({
			queue,
			subscriptions,
			transports: { discord: delivery.transport },
			findIssue: (id) => (id === issue.issue.id ? issue : undefined),
			limiter: createPacedRateLimiter({ discord: limits }),
			policy: fastPolicy,
			concurrency: 16,
			idleMs: 20,
			corrections: createKeyvCorrectionStores(keyv),
			followUps,
		});
		await queue.enqueueBroadcast(issue.issue.id, await subscriptions.activeIds());
		worker.start();
		await worker.whenIdle();
		await worker.stop();
		const stats = await queue.stats(issue.issue.id);
		expect(stats).toMatchObject({ queued: 4 * perKind, delivered: 4 * perKind, failed: 0, unsubscribed: 0 });

		for (const channel of [...channels.text, ...channels.thread, ...channels.announcement]) expect(fake.messagesIn(channel.id)).toHaveLength(1);
		for (const forum of channels.forum) {
			const posts = fake.forumPosts.filter((post) => post.thread.parentId === forum.id);
			expect(posts).toHaveLength(1);
			expect(fake.messagesIn(forum.id)).toHaveLength(0);
			expect(posts[0]?.thread.name).toBe(issue.issue.title);
		}
		for (const news of channels.announcement) {
			expect(fake.crossposts.countFor(news.id)).toBe(1);
			expect(fake.crossposts.countFor(news.id)).toBeLessThanOrEqual(crosspostsPerHour);
		}
		const crossposts = fake.callsTo('POST', /^\/channels\/\d+\/messages\/\d+\/crosspost$/);
		expect(crossposts).toHaveLength(perKind);
		expect(await followUps.count()).toBe(0);
	}, 60_000);
});
