import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAccess } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { StoreError } from '../../src/errors/store-error.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { storeRetryEveryMs } from '../../src/store/redis-keyv.js';
import { createStoreHealth } from '../../src/store/store-health.js';
import { redactStoreUrl } from '../../src/store/store-url.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { commands } from '../../commands/index.js';
import { referenceArchive } from '../helpers/archive-fixture.js';
import { startOwnRedis, type OwnRedis } from '../scale/own-redis.js';

/** A store on a redis-server of the test's own (never the shared one), killed and restarted by the test. */
let redis: OwnRedis | undefined;
afterEach(async () => {
	await redis?.dispose();
	redis = undefined;
});

/** A logger whose JSON lines the test reads. */
function capturingLog() {
	const lines: Record<string, unknown>[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	return { log: pino({ level: 'debug' }, stream), lines };
}

/**
 * How long a test waits for the store to answer again after Redis restarts. The client reconnects
 * within its back-off (under a second after the restart, measured); the wait is far above that so
 * a loaded CI machine never fails the test on timing, while a client that never reconnects still does.
 */
const storeBackWithinMs = 40_000;

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** A private Telegram chat whose reader may subscribe it. */
function privateChat(chatId: string): ChatAccess {
	return {
		resolveTarget: () => Promise.resolve({ ok: true, resolved: { target: { platform: 'telegram', chatId }, kind: 'private', label: 'this chat' } }),
		listScope: () => ({ platform: 'telegram', chatId }),
		isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	};
}

describe('when Redis dies under the store', () => {
	it('then a read fails with a StoreError instead of answering "absent", and a write fails instead of resolving', async () => {
		redis = await startOwnRedis({ appendOnly: true });
		const keyv = await createKeyv({ url: redis.url, dataDir: '/tmp', namespace: 'outage-read' });
		const subscriptions = createKeyvSubscriptionStore(keyv);
		const { subscription } = await subscriptions.subscribe({ platform: 'telegram', chatId: '1', kind: 'private', createdBy: '1' });
		await redis.crash();
		await expect(subscriptions.get(subscription.id)).rejects.toBeInstanceOf(StoreError);
		await expect(subscriptions.subscribe({ platform: 'telegram', chatId: '2', kind: 'private', createdBy: '2' })).rejects.toBeInstanceOf(StoreError);
		await redis.start();
		await until(() => subscriptions.get(subscription.id).then((found) => found !== undefined, () => false), storeBackWithinMs, 'the store to be back');
		expect(await subscriptions.get(subscription.id)).toMatchObject({ status: 'active' });
		await keyv.disconnect();
	}, 60_000);

	it('then no /subscribe is confirmed without being kept, and those refused say why', async () => {
		redis = await startOwnRedis({ appendOnly: true });
		const keyv = await createKeyv({ url: redis.url, dataDir: '/tmp', namespace: 'outage-subscribe' });
		const subscriptions = createKeyvSubscriptionStore(keyv);
		const archive = await referenceArchive();
		const dispatcher = createDispatcher(commands, { services: { archive, subscriptions } });
		const subscribe = async (chatId: string): Promise<Block[]> => {
			const blocks: Block[] = [];
			const origin = { access: privateChat(chatId), chat: { platform: 'telegram' as const, id: chatId, kind: 'private' as const }, user: { id: chatId } };
			for await (const block of completeBlocks(dispatcher.runText('/subscribe', origin))) blocks.push(block);
			return blocks;
		};
		// Readers keep subscribing while Redis is killed under them.
		const replies = new Map<string, Promise<Block[]>>();
		for (let index = 0; index < 60; index += 1) {
			if (index === 20) void redis.crash();
			replies.set(String(100 + index), subscribe(String(100 + index)));
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const answered = new Map<string, Block[]>();
		for (const [chatId, reply] of replies) answered.set(chatId, await reply);
		await redis.start();
		await until(() => subscriptions.activeIds().then(() => true, () => false), storeBackWithinMs, 'the store to be back');

		let confirmed = 0;
		let refused = 0;
		for (const [chatId, blocks] of answered) {
			const failed = blocks.find((block) => block.type === 'failure');
			if (failed) {
				// Told plainly, never "something went wrong" and never a confirmation.
				expect(['not-saved', 'store-unavailable']).toContain(failed.code);
				refused += 1;
			} else {
				confirmed += 1;
				expect(await subscriptions.getByTarget({ platform: 'telegram', chatId }), `chat ${chatId} was told it is subscribed`).toMatchObject({ status: 'active' });
			}
		}
		expect(confirmed).toBeGreaterThan(0);
		expect(refused).toBeGreaterThan(0);
		await keyv.disconnect();
	}, 60_000);

	it('then a 3-second outage logs one warn line when it starts and one info line with its duration when it ends, without stacks', async () => {
		redis = await startOwnRedis();
		const { log, lines } = capturingLog();
		const url = redis.url.replace('redis://', 'redis://:hunter2@');
		const health = createStoreHealth({ url, log, retryEveryMs: storeRetryEveryMs });
		// The health names the URL it is given (here with a password); the client connects without one.
		const keyv = await createKeyv({ url: redis.url, dataDir: '/tmp', namespace: 'outage-log', health });
		await until(() => health.state() === 'up', 10_000, 'the first connection');
		const before = lines.length;
		await redis.crash();
		await until(() => health.state() === 'down', 5_000, 'the outage to be noticed');
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		await redis.start();
		await until(() => health.state() === 'up', storeBackWithinMs, 'the store to be back');
		const outage = lines.slice(before);
		expect(outage.filter((line) => line.level === 40)).toHaveLength(1);
		expect(outage.filter((line) => line.level === 30)).toHaveLength(1);
		const ended = outage.find((line) => line.level === 30)!;
		expect(ended.downMs).toBeGreaterThanOrEqual(3_000);
		expect(outage.some((line) => 'err' in line || JSON.stringify(line).includes('stack'))).toBe(false);
		expect(JSON.stringify(outage)).not.toContain('hunter2');
		await keyv.disconnect();
	}, 60_000);
});

describe('when a store URL is logged', () => {
	it('then its password is never in it', () => {
		expect(redactStoreUrl('redis://:hunter2@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
		expect(redactStoreUrl('redis://bot:hunter2@redis.internal:6380/2')).toBe('redis://bot:***@redis.internal:6380/2');
		expect(redactStoreUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
	});
});
