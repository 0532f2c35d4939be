import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { createDeliveryWorker } from '../../src/delivery/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/keyv-delivery-queue.js';
import { createDeliveryRateLimiter } from '../../src/delivery/rate-limits.js';
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

/** An archive of two issues, a store, and a worker whose posts to `failing` chats are refused. */
async function setUp(failing: readonly string[] = []) {
	const archive = new Archive(createMemoryIssueStore());
	for (const date of ['2026-04-01', '2026-04-08']) {
		const text = sampleDigest(date);
		await archive.put(parseIssue(text, { file: `${date}.md` }).issue, { bytes: text, file: `${date}.md` });
	}
	const keyv = new Keyv();
	const readers = createKeyvReaderMemory(keyv, archive);
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const queue = await createKeyvDeliveryQueue(keyv);
	const transport = createCapturingTransport({ fail: (delivery) => (failing.includes(delivery.subscription.chatId) ? new DeliveryError('permanent', { platform: 'telegram', description: 'Bad Request: refused' }) : undefined) });
	const worker = createDeliveryWorker({
		queue,
		subscriptions,
		transports: { telegram: transport, discord: transport },
		findIssue: (id) => archive.get(id),
		limiter: createDeliveryRateLimiter(generousLimits),
		policy: fastPolicy,
		idleMs: 20,
		onDelivered: rememberPrivateDeliveries(readers),
	});
	const dispatcher = createDispatcher(commands, { readers });
	return {
		async deliver(issueId: string, targets: readonly NewSubscription[]) {
			for (const target of targets) await subscriptions.subscribe(target);
			await queue.enqueueBroadcast(issueId, await subscriptions.activeIds());
			worker.start();
			await worker.whenIdle();
			await worker.stop();
		},
		async since(platform: 'telegram' | 'discord', user: string): Promise<string> {
			const blocks: Block[] = [];
			const context = { archive, chat: { platform, id: `dm-${user}`, kind: 'private' as const }, user: { id: user } };
			for await (const block of completeBlocks(dispatcher.runText('/since', context))) blocks.push(block);
			return textOf(blocks);
		},
	};
}

describe('when an issue is delivered', () => {
	it('then a private-chat subscriber is up to date for /since, on Telegram and on Discord (where the DM id is not the user id)', async () => {
		const bot = await setUp();
		await bot.deliver('2026-04-08', [
			{ platform: 'telegram', chatId: '501', kind: 'private', createdBy: '501' },
			{ platform: 'discord', chatId: '900000000000000001', kind: 'private', createdBy: '700000000000000001' },
		]);
		expect(await bot.since('telegram', '501')).toContain('You’re up to date');
		expect(await bot.since('discord', '700000000000000001')).toContain('You’re up to date');
	});

	it('then posts to a group are nobody’s reading: the admin who subscribed it is not marked as having seen the issue', async () => {
		const bot = await setUp();
		await bot.deliver('2026-04-08', [{ platform: 'telegram', chatId: '-100500', kind: 'group', createdBy: '502' }]);
		expect(await bot.since('telegram', '502')).toContain('I haven’t shown you an issue yet');
	});

	it('then a post the platform refused is not remembered', async () => {
		const bot = await setUp(['503']);
		await bot.deliver('2026-04-08', [{ platform: 'telegram', chatId: '503', kind: 'private', createdBy: '503' }]);
		expect(await bot.since('telegram', '503')).toContain('I haven’t shown you an issue yet');
	});

	it('then an older issue delivered late does not move the reader back', async () => {
		const bot = await setUp();
		const reader: NewSubscription = { platform: 'telegram', chatId: '504', kind: 'private', createdBy: '504' };
		await bot.deliver('2026-04-08', [reader]);
		await bot.deliver('2026-04-01', [reader]);
		expect(await bot.since('telegram', '504')).toContain('You’re up to date');
	});
});
