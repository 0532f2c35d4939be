import { ChannelType } from 'discord.js';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import { createKeyvCorrectionStores } from '../../../src/delivery/corrections/correction-stores.js';
import { createContentCache, deliverJob, type DeliverStepDeps } from '../../../src/delivery/deliver-job.js';
import type { JobToDeliver } from '../../../src/delivery/delivery-job.js';
import { createPacedRateLimiter } from '../../../src/delivery/limits/paced-rate-limiter.js';
import { createKeyvWaitingFollowUps, type WaitingFollowUps } from '../../../src/delivery/waiting-follow-ups.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { crosspostsPerHour } from '../../fakes/discord-forums.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';
import { fastPolicy, sampleIssue } from '../../delivery/delivery-harness.js';
import { fakeToken } from './discord-harness.js';

/**
 * Crossposts paced by the named limit the Discord transport declares, through the core's step
 * (deliverJob), discord.js and the fake Discord. The limiter's clock is the test's, so an hour
 * passes in a line; the fake's own 10-per-hour bucket still holds every crosspost to account.
 */
describe('announcement posts are crossposted within Discord’s 10 per channel per hour', () => {
	let fake: FakeDiscordServer;
	let delivery: DiscordDelivery;
	let subscriptions: SubscriptionStore;
	let followUps: WaitingFollowUps;
	let issues: ArchivedIssue[];
	let clock = Date.now();
	let deps: DeliverStepDeps;

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot });
		subscriptions = createKeyvSubscriptionStore(new Keyv());
		followUps = createKeyvWaitingFollowUps(new Keyv());
		issues = await Promise.all(['2026-04-01', '2026-04-02', '2026-04-03'].map((date) => sampleIssue(date)));
		const limits = delivery.transport.limits;
		if (!limits) throw new Error('the Discord transport declares no limits');
		deps = {
			subscriptions,
			transports: { discord: delivery.transport },
			findIssue: (id) => issues.find((archived) => archived.issue.id === id),
			limiter: createPacedRateLimiter({ discord: limits }, () => clock),
			policy: fastPolicy,
			contentFor: createContentCache(),
			now: () => clock,
			corrections: createKeyvCorrectionStores(new Keyv()),
			followUps,
		};
	});
	afterAll(async () => {
		delivery?.stop();
		await fake?.close();
	});

	const jobFor = (issueId: string, subscriptionId: string): JobToDeliver => ({ id: `${issueId}/${subscriptionId}`, issueId, subscriptionId, failures: 0, rateLimited: 0 });
	/** Runs a job a few seconds after the last: apart enough for the channel's 5 messages per 5 s, far too close for its crossposts. */
	const run = (job: JobToDeliver, subscription: Parameters<typeof deliverJob>[1]) => {
		clock += 5_000;
		return deliverJob(job, subscription, deps);
	};

	it('when issues follow each other faster than the limit, then each is posted once at once, and a crosspost over the limit waits for its window with its post kept, shown as waiting, and goes once the window comes', async () => {
		const news = fake.guild.addChannel('news', ChannelType.GuildAnnouncement);
		const { subscription } = await subscriptions.subscribe({ platform: 'discord', chatId: news.id, kind: 'community-channel', communityId: fake.identity.guildId, format: 'headlines', createdBy: 'admin' });
		const [first, second] = issues.map((archived) => jobFor(archived.issue.id, subscription.id));
		if (!first || !second) throw new Error('no jobs');

		expect(await run(first, subscription)).toEqual({ kind: 'final', state: 'delivered' });
		expect(fake.messagesIn(news.id)).toHaveLength(1);
		expect(fake.crossposts.countFor(news.id)).toBe(1);

		// The next issue's post goes now; its crosspost would break the hourly spacing, so the job waits, paced.
		const waiting = await run(second, subscription);
		expect(waiting).toMatchObject({ kind: 'retry', cause: 'paced' });
		const waitMs = waiting.kind === 'retry' ? waiting.at - clock : 0;
		expect(waitMs).toBeGreaterThan(60_000);
		expect(waitMs).toBeLessThanOrEqual(3_600_000 / crosspostsPerHour / 0.97 + 1);
		expect(fake.messagesIn(news.id)).toHaveLength(2);
		expect(fake.crossposts.countFor(news.id)).toBe(1);
		expect(await followUps.count()).toBe(1);

		// Run early (another worker, a restart): still nothing is sent twice.
		expect(await run(second, subscription)).toMatchObject({ kind: 'retry', cause: 'paced' });
		expect(fake.messagesIn(news.id)).toHaveLength(2);

		clock += waitMs;
		expect(await deliverJob(second, subscription, deps)).toEqual({ kind: 'final', state: 'delivered' });
		expect(fake.messagesIn(news.id)).toHaveLength(2);
		expect(fake.crossposts.countFor(news.id)).toBe(2);
		expect(await followUps.count()).toBe(0);
	});

	it('when Discord keeps failing a crosspost with 502, then the job retries only the crosspost, and once attempts run out the post, sent once, counts as delivered and nothing waits', async () => {
		const news = fake.guild.addChannel('flaky-news', ChannelType.GuildAnnouncement);
		const { subscription } = await subscriptions.subscribe({ platform: 'discord', chatId: news.id, kind: 'community-channel', communityId: fake.identity.guildId, format: 'headlines', createdBy: 'admin' });
		fake.inject({ method: 'POST', path: new RegExp(`^/channels/${news.id}/messages/\\d+/crosspost$`), times: 100, response: { status: 502, body: { message: 'Bad Gateway' } } });
		let job = jobFor(issues[0]?.issue.id ?? '', subscription.id);
		let outcome = await run(job, subscription);
		for (let attempt = 1; outcome.kind === 'retry' && attempt < 10; attempt += 1) {
			// A failed crosspost took its turn of the hourly spacing too (Discord may have counted it): the next try waits for it.
			expect(await followUps.count()).toBe(1);
			if (outcome.cause === 'transient') job = { ...job, failures: job.failures + 1 };
			clock = Math.max(clock, outcome.at);
			outcome = await deliverJob(job, subscription, deps);
		}
		expect(outcome).toMatchObject({ kind: 'final', state: 'delivered' });
		expect(fake.messagesIn(news.id)).toHaveLength(1);
		expect(fake.callsTo('POST', new RegExp(`^/channels/${news.id}/messages/\\d+/crosspost$`))).toHaveLength(fastPolicy.maxAttempts);
		expect(await followUps.count()).toBe(0);
	});

	it('when the posts go to a plain text channel, then nothing is crossposted and nothing waits', async () => {
		const general = fake.guild.addChannel('general');
		const { subscription } = await subscriptions.subscribe({ platform: 'discord', chatId: general.id, kind: 'community-channel', communityId: fake.identity.guildId, format: 'headlines', createdBy: 'admin' });
		for (const archived of issues) expect(await run(jobFor(archived.issue.id, subscription.id), subscription)).toEqual({ kind: 'final', state: 'delivered' });
		expect(fake.messagesIn(general.id)).toHaveLength(issues.length);
		expect(fake.callsTo('POST', new RegExp(`^/channels/${general.id}/messages/\\d+/crosspost$`))).toHaveLength(0);
	});
});
