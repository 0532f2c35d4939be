import { randomUUID } from 'node:crypto';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import { startOwnRedis } from '../tests/scale/own-redis.js';
import { openSetup } from '../tests/scale/scale-harness.js';
import { seedSubscriptions } from './seed-store.js';

/**
 * Redis memory per subscription and per queued delivery job, and the time to enqueue one
 * broadcast, on a Redis of its own (nothing else's keys in the figure). Run once by hand:
 * `npx tsx -e "import('./bench/redis-capacity.ts').then((m) => m.measureRedisCapacity(1_000_000))"`.
 */
export async function measureRedisCapacity(subscribers: number): Promise<Record<string, number>> {
	const redis = await startOwnRedis();
	try {
		const setup = await openSetup(redis.url, `digestbot-capacity-${randomUUID()}`);
		const memory = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await setup.redis.info('memory'))?.[1] ?? 0);
		const empty = await memory();
		const inputs: NewSubscription[] = Array.from({ length: subscribers }, (_, n) => ({ platform: 'telegram', chatId: String(1_000_000_000 + n), kind: 'private', format: 'top', createdBy: String(1_000_000_000 + n) }));
		let started = performance.now();
		const ids = await seedSubscriptions(setup.keyv, inputs);
		const seedSeconds = (performance.now() - started) / 1000;
		const withSubscriptions = await memory();
		started = performance.now();
		await setup.queue.enqueueBroadcast('2026-12-01', ids);
		const enqueueSeconds = (performance.now() - started) / 1000;
		const withJobs = await memory();
		const figures = {
			subscribers,
			seed_s: Math.round(seedSeconds * 10) / 10,
			enqueue_s: Math.round(enqueueSeconds * 10) / 10,
			mb_per_100k_subscriptions: Math.round(((withSubscriptions - empty) / subscribers) * 100_000 / 1e5) / 10,
			mb_per_100k_jobs: Math.round(((withJobs - withSubscriptions) / subscribers) * 100_000 / 1e5) / 10,
			total_mb: Math.round((withJobs - empty) / 1e6),
		};
		process.stdout.write(`${JSON.stringify(figures)}\n`);
		await setup.queue.close();
		setup.redis.disconnect();
		await setup.keyv.disconnect();
		return figures;
	} finally {
		await redis.dispose();
	}
}
