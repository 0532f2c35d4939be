import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Keyv } from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { loadConfig } from '../../src/config/config.js';
import type { Block } from '../../src/content/block.js';
import { createKeyvCorrectionStores } from '../../src/delivery/corrections/correction-stores.js';
import { createBullmqBroadcastQueue, createBullmqDeliveryWorker } from '../../src/delivery/engines/bullmq/bullmq-delivery.js';
import { createRedisBroadcastLedger } from '../../src/delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createDeliveryWorker } from '../../src/delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createKeyvMergeSlots } from '../../src/delivery/slots/merge-slots.js';
import { createRedisMergeSlots } from '../../src/delivery/slots/redis-merge-slots.js';
import { startFeeds } from '../../src/feeds/start-feeds.js';
import { ingestDirectory } from '../../src/ingest/ingest.js';
import { issueContent } from '../../src/present/issue-content.js';
import { createPublicationCatalogue, type PublicationCatalogue } from '../../src/publications/publication-catalogue.js';
import { createPublicationSources } from '../../src/publications/publication-sources.js';
import { createBroadcastPlanner } from '../../src/publish/broadcast-planner.js';
import { publicationNameFrom } from '../../src/publish/delivery-engine.js';
import { spreadOffsetMs } from '../../src/schedule/delivery-slot.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { DeliverAt, SubscriptionFormat } from '../../src/subscriptions/subscription.js';
import { buildDigest } from '../builders/digest-builder.js';
import { entry, rssFeed } from '../builders/feed-builder.js';
import { createCapturingTransport, type CapturedSend, type CapturingTransport } from '../delivery/capturing-transport.js';
import { fastPolicy, generousLimits } from '../delivery/delivery-harness.js';
import { createDeliveryRateLimiter } from '../delivery/named-limits.js';
import { FakeFeedHost } from '../fakes/feed-host.js';
import { textOf } from '../helpers/archive-fixture.js';
import { removeKeys } from '../scale/scale-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = (iso: string): number => Date.parse(iso);

/** The issues the archive holds, by publication: the folder's digest and each feed's "#03". */
interface Published {
	readonly archive: Archive;
	readonly catalogue: PublicationCatalogue;
	readonly house: string;
	readonly alpha?: string;
	readonly beta?: string;
}

/**
 * The digest folder (one digest), plus two feeds from the fake feed host whose items have the
 * same titles and numbers ("Issue #03") unless `feeds` is false: three publications, or one.
 */
async function publish(feeds = true): Promise<Published> {
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-pubposts-'));
	const host = await FakeFeedHost.start();
	cleanups.push(async () => {
		await host.close();
		await rm(folder, { recursive: true, force: true });
	});
	await writeFile(join(folder, '2026-11-01.md'), buildDigest({ title: 'House Digest', date: '2026-11-01', top: [{ title: 'House story' }] }));
	host.feed('/alpha', { body: rssFeed([entry('03', '2026-11-13T08:00:00Z', 'Issue #03')], 'Alpha Weekly') });
	host.feed('/beta', { body: rssFeed([entry('03', '2026-11-13T08:00:00Z', 'Issue #03')], 'Beta Weekly') });
	const settings = loadConfig({ FEED_URLS: feeds ? `${host.url('/alpha')},${host.url('/beta')}` : '', FEED_ALLOW_PRIVATE: 'true', DIGEST_DIR: folder });
	const archive = new Archive(createMemoryIssueStore(), { publicationOf: createPublicationSources({ digestDir: settings.digestDir }).of });
	await ingestDirectory(archive, settings.digestDir);
	if (feeds) {
		const poller = await startFeeds({ settings, keyv: new Keyv(), archive, markHandled: async () => undefined, start: false, now: () => at('2026-12-01T12:00:00Z'), random: () => 0.5 });
		await poller.tick();
		await poller.stop();
	}
	const catalogue = createPublicationCatalogue({ issues: archive });
	const alpha = archive.latest('alpha-weekly')?.id;
	const beta = archive.latest('beta-weekly')?.id;
	return { archive, catalogue, house: archive.latest('digest')!.id, ...(alpha ? { alpha } : {}), ...(beta ? { beta } : {}) };
}

async function subscribe(store: SubscriptionStore, chatId: string, publication: string | undefined, format: SubscriptionFormat, deliverAt?: DeliverAt): Promise<string> {
	const { subscription } = await store.subscribe({ platform: 'telegram', chatId, kind: 'private', format, createdBy: chatId, ...(publication ? { publication } : {}) });
	if (deliverAt) await store.update(subscription.id, { deliverAt });
	return subscription.id;
}

/** The parts of a merged post, one per issue, split at each issue's level-1 heading (the first is "2 new issues"). */
function partsOf(blocks: readonly Block[]): Block[][] {
	const parts: Block[][] = [];
	for (const block of blocks.slice(1)) {
		if (block.type === 'heading' && block.level === 1) parts.push([]);
		parts.at(-1)?.push(block);
	}
	return parts;
}

/** A `headlines` part lists its top headlines; a `full` part shows each story as a card. */
function formatOf(part: readonly Block[]): string {
	if (part.some((block) => block.type === 'heading' && block.level === 2 && textOf([block]) === 'Top headlines')) return 'headlines';
	return part.some((block) => block.type === 'card') ? 'full' : 'other';
}

const postsTo = (transport: CapturingTransport, chatId: string): CapturedSend[] => transport.sent.filter((send) => send.chatId === chatId);

/** Lets the worker loop look at the queue a few times (it polls every 5 ms). */
const fewLoops = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 60));

/** The embedded engine as the root wires it (planner with the catalogue, slots, names from the catalogue), on a clock the test moves. */
async function startEmbedded(published: Published, clock: { now: number }) {
	const keyv = new Keyv();
	const now = (): number => clock.now;
	const subscriptions = createKeyvSubscriptionStore(keyv, () => new Date(clock.now));
	const queue = await createKeyvDeliveryQueue(keyv, { now });
	const merges = createKeyvMergeSlots(keyv);
	const corrections = createKeyvCorrectionStores(keyv);
	const sentAt = new Map<string, number[]>();
	const transport = createCapturingTransport({ beforeSend: (delivery) => void sentAt.set(delivery.subscription.chatId, [...(sentAt.get(delivery.subscription.chatId) ?? []), clock.now]) });
	const delivered: [string, string][] = [];
	const worker = createDeliveryWorker({
		queue,
		merges,
		corrections,
		subscriptions,
		transports: { telegram: transport },
		findIssue: (id) => published.archive.get(id),
		limiter: createDeliveryRateLimiter(generousLimits),
		policy: fastPolicy,
		idleMs: 5,
		now,
		publicationName: publicationNameFrom(published.catalogue),
		onDelivered: async (subscription, archived) => void delivered.push([subscription.id, archived.issue.id]),
	});
	const planner = createBroadcastPlanner({ archive: published.archive, queue, subscriptions, keyv, merges, now, publications: published.catalogue, onQueued: () => worker.wake() });
	worker.start();
	cleanups.push(() => worker.stop());
	const runUntil = async (time: number, done: () => Promise<void> | void): Promise<void> => {
		clock.now = time;
		worker.wake();
		await vi.waitFor(done);
	};
	return { subscriptions, queue, corrections, transport, sentAt, delivered, planner, worker, runUntil };
}

describe('when a chat follows two publications at the same hour and another at two hours (keyv engine)', () => {
	it('then the first gets ONE post "2 new issues" naming both, each in its own subscription’s format; the second gets each issue once at its subscription’s hour', async () => {
		const published = await publish();
		const { alpha, beta, house } = published;
		expect(published.catalogue.several()).toBe(true);
		const clock = { now: at('2026-12-01T20:00:00Z') };
		const bot = await startEmbedded(published, clock);
		const eight = { time: '08:00', zone: 'UTC' };
		const alphaAtEight = await subscribe(bot.subscriptions, '1', 'alpha-weekly', 'headlines', eight);
		const betaAtEight = await subscribe(bot.subscriptions, '1', 'beta-weekly', 'full', eight);
		await subscribe(bot.subscriptions, '2', 'alpha-weekly', 'headlines', eight);
		await subscribe(bot.subscriptions, '2', 'beta-weekly', 'headlines', { time: '18:00', zone: 'UTC' });
		await subscribe(bot.subscriptions, '3', undefined, 'headlines');

		for (const issueId of [alpha!, beta!, house]) expect(await bot.planner.plan(issueId)).toBe('queued');
		// The folder's subscriber (made before publications) gets its issue at once, named after its publication.
		await vi.waitFor(() => expect(postsTo(bot.transport, '3')).toHaveLength(1));
		const housePost = textOf(postsTo(bot.transport, '3')[0]!.blocks);
		expect(housePost.split('\n')[0]).toMatch(/^digest: House Digest · /);
		// Its headlines' commands name the publication: a bare /story N reads a chat's own one, and a chat may follow several.
		expect(housePost).toContain('/story 1 digest');
		await fewLoops();
		expect(bot.transport.sent).toHaveLength(1);

		// 08:00: each chat's slot falls due at its own second in the minute; a carried job looks again 5 s later.
		const dueOne = at('2026-12-02T08:00:00Z') + spreadOffsetMs('telegram:1');
		const dueTwo = at('2026-12-02T08:00:00Z') + spreadOffsetMs('telegram:2');
		const [earlier, later] = dueOne < dueTwo ? [dueOne, dueTwo] : [dueTwo, dueOne];
		await bot.runUntil(earlier, () => expect(bot.transport.sent).toHaveLength(2));
		await bot.runUntil(later, () => expect(bot.transport.sent).toHaveLength(3));
		await bot.runUntil(later + 5_000, async () => expect(await bot.queue.stats(alpha!)).toMatchObject({ state: 'finished', delivered: 2 }));
		await vi.waitFor(async () => expect(await bot.queue.stats(beta!)).toMatchObject({ delivered: 1, pending: 1 }));
		await fewLoops();

		const [merged, ...more] = postsTo(bot.transport, '1');
		expect(more).toHaveLength(0);
		expect(bot.sentAt.get('1')).toEqual([dueOne]);
		const text = textOf(merged!.blocks);
		expect(text.split('\n')[0]).toBe('2 new issues');
		const parts = partsOf(merged!.blocks);
		expect(parts).toHaveLength(2);
		const byPublication = Object.fromEntries(parts.map((part) => [textOf(part.slice(0, 1)).split(' · ')[0], formatOf(part)]));
		expect(byPublication).toEqual({ 'Alpha Weekly: Issue #03': 'headlines', 'Beta Weekly: Issue #03': 'full' });
		// Each issue is told, and recorded for corrections, with the subscription it went out in.
		expect(bot.delivered).toEqual(expect.arrayContaining([[alphaAtEight, alpha], [betaAtEight, beta]]));
		expect(bot.delivered.filter(([subscription]) => subscription.startsWith('telegram:1'))).toHaveLength(2);
		expect(await bot.corrections.posted.get(beta!, betaAtEight)).toEqual({ chatId: '1', messages: [] });
		expect(await bot.corrections.posted.get(alpha!, alphaAtEight)).toEqual({ chatId: '1', messages: [] });

		// The chat with two hours: Alpha at 08:00, alone; Beta waits for 18:00.
		expect(postsTo(bot.transport, '2').map((send) => textOf(send.blocks).split(' · ')[0])).toEqual(['Alpha Weekly: Issue #03']);
		expect(bot.sentAt.get('2')).toEqual([dueTwo]);
		const eveningTwo = at('2026-12-02T18:00:00Z') + spreadOffsetMs('telegram:2');
		await bot.runUntil(eveningTwo, async () => expect(await bot.queue.stats(beta!)).toMatchObject({ state: 'finished', delivered: 2 }));
		const second = postsTo(bot.transport, '2');
		expect(second.map((send) => textOf(send.blocks).split(' · ')[0])).toEqual(['Alpha Weekly: Issue #03', 'Beta Weekly: Issue #03']);
		expect(second.some((send) => textOf(send.blocks).includes('new issues'))).toBe(false);
		expect(bot.sentAt.get('2')).toEqual([dueTwo, eveningTwo]);
		expect(bot.transport.sent).toHaveLength(4);
	});
});

describe('when the bot serves one publication', () => {
	it('then a post names none: its blocks are exactly the issue’s content as before publications', async () => {
		const published = await publish(false);
		expect(published.catalogue.several()).toBe(false);
		const bot = await startEmbedded(published, { now: at('2026-12-01T20:00:00Z') });
		await subscribe(bot.subscriptions, '9', undefined, 'top');
		await bot.planner.plan(published.house);
		await vi.waitFor(() => expect(bot.transport.sent).toHaveLength(1));
		expect(bot.transport.sent[0]!.blocks).toEqual(issueContent(published.archive.get(published.house)!, 'top'));
		expect(textOf(bot.transport.sent[0]!.blocks).split(' · ')[0]).toBe('House Digest');
	});
});

describe('when a chat follows two publications at the same hour (BullMQ on Redis)', () => {
	it('then two workers make ONE post "2 new issues" naming both, each in its own subscription’s format, and both broadcasts count it delivered', async () => {
		const published = await publish();
		const { alpha, beta } = published;
		const prefix = `digestbot-test-pubposts-${randomUUID()}`;
		const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
		const keyv = await createKeyv({ url: 'redis://127.0.0.1:6379', dataDir: tmpdir(), namespace: prefix });
		const subscriptions = createKeyvSubscriptionStore(keyv);
		const ledger = createRedisBroadcastLedger(redis, prefix);
		const merges = createRedisMergeSlots(redis, prefix);
		const queue = createBullmqBroadcastQueue({ connection: redis, prefix, ledger });
		const transport = createCapturingTransport();
		const step = { subscriptions, transports: { telegram: transport }, findIssue: (id: string) => published.archive.get(id), limiter: createDeliveryRateLimiter(generousLimits), policy: fastPolicy, now: Date.now, merges, publicationName: publicationNameFrom(published.catalogue) };
		const workers = [createBullmqDeliveryWorker({ connection: redis, prefix, ledger, step, concurrency: 4 }), createBullmqDeliveryWorker({ connection: redis, prefix, ledger, step, concurrency: 4 })];
		cleanups.push(async () => {
			for (const worker of workers) await worker.stop();
			await queue.close();
			await removeKeys(redis, prefix);
			redis.disconnect();
			await keyv.clear();
			await keyv.disconnect();
		});
		// A chat whose second in the minute makes its next slot due in 2–4 s, so BullMQ's own delay holds the jobs.
		const { chatId, deliverAt, due } = chatDueSoon(Date.now());
		await subscribe(subscriptions, chatId, 'alpha-weekly', 'full', deliverAt);
		await subscribe(subscriptions, chatId, 'beta-weekly', 'headlines', deliverAt);
		const planner = createBroadcastPlanner({ archive: published.archive, queue, subscriptions, keyv, merges, publications: published.catalogue });
		for (const worker of workers) worker.start();
		await planner.plan(alpha!);
		await planner.plan(beta!);
		expect(transport.sent).toHaveLength(0);

		// The job the post carried looks again 5 s later (it is not counted before the post is accepted).
		for (const issueId of [alpha!, beta!]) await vi.waitFor(async () => expect(await ledger.read(issueId)).toMatchObject({ state: 'finished', delivered: 1 }), { timeout: 20_000, interval: 50 });
		expect(transport.sent).toHaveLength(1);
		expect(Date.now()).toBeGreaterThanOrEqual(due);
		expect(textOf(transport.sent[0]!.blocks).split('\n')[0]).toBe('2 new issues');
		const byPublication = Object.fromEntries(partsOf(transport.sent[0]!.blocks).map((part) => [textOf(part.slice(0, 1)).split(' · ')[0], formatOf(part)]));
		expect(byPublication).toEqual({ 'Alpha Weekly: Issue #03': 'full', 'Beta Weekly: Issue #03': 'headlines' });
	});
});

/** A Telegram chat id whose slot at the coming minute (UTC) is 2–4 s from `now`, and that minute as its hour. */
function chatDueSoon(now: number): { chatId: string; deliverAt: DeliverAt; due: number } {
	for (let candidate = 900_000; ; candidate += 1) {
		const chatId = String(candidate);
		// Every subscription of a chat is spread by the chat's target, so both of its subscriptions share this instant.
		const offset = spreadOffsetMs(`telegram:${chatId}`);
		const minute = Math.ceil((now + 2000 - offset) / 60_000) * 60_000;
		const due = minute + offset;
		if (due - now >= 2000 && due - now <= 4000) return { chatId, deliverAt: { time: new Date(minute).toISOString().slice(11, 16), zone: 'UTC' }, due };
	}
}
