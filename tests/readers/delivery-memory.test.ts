import { Keyv } from 'keyv';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { createBullmqBroadcastQueue, createBullmqDeliveryWorker } from '../../src/delivery/engines/bullmq/bullmq-delivery.js';
import { createDeliveryWorker } from '../../src/delivery/engines/keyv/delivery-worker.js';
import { createRedisBroadcastLedger } from '../../src/delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createDeliveryRateLimiter } from '../delivery/named-limits.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { rememberPrivateDeliveries } from '../../src/readers/delivery-memory.js';
import { createKeyvReaderMemory } from '../../src/readers/reader-memory.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { NewSubscription } from '../../src/subscriptions/subscription.js';
import { commands } from '../../commands/index.js';
import { createCapturingTransport } from '../delivery/capturing-transport.js';
import { fastPolicy, generousLimits, sampleDigest } from '../delivery/delivery-harness.js';
import { textOf } from '../helpers/archive-fixture.js';
import { removeKeys } from '../scale/scale-harness.js';

type Engine = 'keyv' | 'bullmq';

const redisUrl = 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * An archive of two issues (of one publication, or with `publications` one each), a store, and a
 * delivery engine whose posts to `failing` chats are refused: the embedded keyv loop, or BullMQ on
 * the shared Redis under a prefix of this test's own.
 */
async function setUp(engine: Engine, failing: readonly string[] = [], publications?: readonly [string, string]) {
	const archive = new Archive(createMemoryIssueStore());
	for (const [index, date] of ['2026-04-01', '2026-04-08'].entries()) {
		const text = sampleDigest(date);
		const publication = publications?.[index];
		await archive.put(parseIssue(text, { file: `${date}.md` }).issue, { bytes: text, file: `${date}.md`, ...(publication ? { publication } : {}) });
	}
	const keyv = new Keyv();
	const readers = createKeyvReaderMemory(keyv, archive);
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const transport = createCapturingTransport({ fail: (delivery) => (failing.includes(delivery.subscription.chatId) ? new DeliveryError('permanent', { platform: 'telegram', description: 'Bad Request: refused' }) : undefined) });
	const step = {
		subscriptions,
		transports: { telegram: transport, discord: transport },
		findIssue: (id: string) => archive.get(id),
		limiter: createDeliveryRateLimiter(generousLimits),
		policy: fastPolicy,
		now: Date.now,
		onDelivered: rememberPrivateDeliveries(readers),
	};
	let enqueue: (issueId: string, ids: readonly string[]) => Promise<unknown>;
	let worker: { start(): void; whenIdle(): Promise<void>; stop(): Promise<void> };
	if (engine === 'keyv') {
		const queue = await createKeyvDeliveryQueue(keyv);
		worker = createDeliveryWorker({ ...step, queue, idleMs: 20 });
		enqueue = (issueId, ids) => queue.enqueueBroadcast(issueId, ids);
	} else {
		const prefix = `digestbot-test-since-${randomUUID()}`;
		const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
		const ledger = createRedisBroadcastLedger(redis, prefix);
		const queue = createBullmqBroadcastQueue({ connection: redis, prefix, ledger });
		worker = createBullmqDeliveryWorker({ connection: redis, prefix, ledger, step, concurrency: 4 });
		enqueue = (issueId, ids) => queue.enqueueBroadcast(issueId, ids);
		cleanups.push(async () => {
			await queue.close();
			await removeKeys(redis, prefix);
			redis.disconnect();
		});
	}
	cleanups.push(() => worker.stop());
	const dispatcher = createDispatcher(commands, { services: { archive }, readers });
	return {
		async deliver(issueId: string, targets: readonly NewSubscription[]) {
			for (const target of targets) await subscriptions.subscribe(target);
			await enqueue(issueId, await subscriptions.activeIds());
			worker.start();
			await worker.whenIdle();
		},
		async since(platform: 'telegram' | 'discord', user: string, line = '/since'): Promise<string> {
			const blocks: Block[] = [];
			const origin = { chat: { platform, id: `dm-${user}`, kind: 'private' as const }, user: { id: user } };
			for await (const block of completeBlocks(dispatcher.runText(line, origin))) blocks.push(block);
			return textOf(blocks);
		},
	};
}

describe.each(['keyv', 'bullmq'] as const)('when an issue is delivered by the %s engine', (engine) => {
	it('then a private-chat subscriber is up to date for /since, on Telegram and on Discord (where the DM id is not the user id)', async () => {
		const bot = await setUp(engine);
		await bot.deliver('2026-04-08', [
			{ platform: 'telegram', chatId: '501', kind: 'private', createdBy: '501' },
			{ platform: 'discord', chatId: '900000000000000001', kind: 'private', createdBy: '700000000000000001' },
		]);
		expect(await bot.since('telegram', '501')).toContain('You’re up to date');
		expect(await bot.since('discord', '700000000000000001')).toContain('You’re up to date');
	});

	it('then posts to a group are nobody’s reading: the admin who subscribed it is not marked as having seen the issue', async () => {
		const bot = await setUp(engine);
		await bot.deliver('2026-04-08', [{ platform: 'telegram', chatId: '-100500', kind: 'group', createdBy: '502' }]);
		expect(await bot.since('telegram', '502')).toContain('I haven’t shown you an issue yet');
	});

	it('then a post the platform refused is not remembered', async () => {
		const bot = await setUp(engine, ['503']);
		await bot.deliver('2026-04-08', [{ platform: 'telegram', chatId: '503', kind: 'private', createdBy: '503' }]);
		expect(await bot.since('telegram', '503')).toContain('I haven’t shown you an issue yet');
	});

	it('then an older issue delivered late does not move the reader back', async () => {
		const bot = await setUp(engine);
		const reader: NewSubscription = { platform: 'telegram', chatId: '504', kind: 'private', createdBy: '504' };
		await bot.deliver('2026-04-08', [reader]);
		await bot.deliver('2026-04-01', [reader]);
		expect(await bot.since('telegram', '504')).toContain('You’re up to date');
	});

	it('then a reader sent one issue of each of two publications is up to date with each of them', async () => {
		const bot = await setUp(engine, [], ['rust', 'react']);
		const reader: NewSubscription = { platform: 'telegram', chatId: '505', kind: 'private', createdBy: '505', publication: '*' };
		await bot.deliver('2026-04-01', [reader]);
		await bot.deliver('2026-04-08', [reader]);
		expect(await bot.since('telegram', '505', '/since rust')).toContain('You’re up to date');
		expect(await bot.since('telegram', '505', '/since react')).toContain('You’re up to date');
	});
});
