import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { StoreHealth } from './store-health.js';

/** The longest pause between two reconnect attempts; the first ones come sooner (back-off). */
export const storeRetryEveryMs = 5_000;

/** How long one connect attempt may take before it counts as failed (a black-holed host). */
const connectTimeoutMs = 2_000;

/** 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s: a restart is noticed at once, a long outage costs little. */
export function reconnectDelayMs(retries: number): number {
	return Math.min(250 * 2 ** retries, storeRetryEveryMs);
}

export interface RedisKeyvOptions {
	readonly url: string;
	readonly namespace: string;
	/** Told when the connection is ready and when it fails; it logs the outage and answers `/health`. */
	readonly health?: StoreHealth;
}

/**
 * keyv on Redis where every failure reaches the caller. `@keyv/redis` 5 has `throwOnErrors` of
 * its own, default false: its `get` catches a Redis error, emits it and returns `undefined`
 * (read by callers as "absent": a subscriber taken for gone), its `set` resolves after a failed
 * write (a `/subscribe` confirmed and not kept). Keyv's own `throwOnErrors` cannot help, since the
 * adapter never throws. Both are set here, and `throwOnConnectError` too.
 *
 * The client is ours, not the adapter's, for three reasons:
 * - `disableOfflineQueue`: while Redis is away a command fails at once (a StoreError the caller
 *   answers) instead of waiting in node-redis' queue until Redis is back, which is a silent hang.
 * - it connects at once, in the background, retrying with back-off for ever: a process that
 *   starts before Redis comes up waits for it and says so (store-health.ts), instead of hanging
 *   in the adapter's first `connect()`.
 * - its events go to the health, the one place that logs an outage.
 */
export function createRedisKeyv(options: RedisKeyvOptions): Keyv {
	const { health } = options;
	const client = createClient({ url: options.url, disableOfflineQueue: true, socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: reconnectDelayMs } });
	client.on('ready', () => health?.markUp());
	client.on('error', (error: unknown) => health?.markDown(error));
	// A connect that gives up is reported through the 'error' event above; the strategy never gives up.
	client.connect().catch((error: unknown) => health?.markDown(error));
	const store = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
	// Every failure reaches its caller as an exception; the events would only repeat it.
	store.on('error', () => undefined);
	const keyv = new Keyv({ store, namespace: options.namespace, throwOnErrors: true, useKeyPrefix: false });
	keyv.on('error', () => undefined);
	return keyv;
}
