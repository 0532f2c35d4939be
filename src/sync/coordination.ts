import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * What instances of one deployment agree on through Redis: who runs a job only one may run
 * (Telegram long polling, watching DIGEST_DIR), and which inbound events were seen already.
 */
export interface Coordination {
	/**
	 * Runs `start` while this instance holds the named lease and `stop` when it loses it. The
	 * lease expires `ttlMs` after its holder stopped renewing it (it died), and another instance
	 * takes it over at its next try. Returns a function that stops and gives the lease up.
	 */
	whileLeader(name: string, start: () => void | Promise<void>, stop: () => void | Promise<void>): () => Promise<void>;
	/** True the first time any instance asks about `key` within `ttlMs`. */
	firstSighting(key: string, ttlMs: number): Promise<boolean>;
}

/** Renews the lease only while this instance still holds it, so a taken-over lease is never stolen back. */
const renewScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type LeaseRedis = Redis & {
	digestbotRenewLease(key: string, token: string, ttlMs: number): Promise<number>;
	digestbotReleaseLease(key: string, token: string): Promise<number>;
};

export function createRedisCoordination(redis: Redis, prefix: string, options: { ttlMs?: number; log?: Logger } = {}): Coordination {
	const ttlMs = options.ttlMs ?? 15_000;
	const { log } = options;
	if (!('digestbotRenewLease' in redis)) {
		redis.defineCommand('digestbotRenewLease', { numberOfKeys: 1, lua: renewScript });
		redis.defineCommand('digestbotReleaseLease', { numberOfKeys: 1, lua: releaseScript });
	}
	const client = redis as LeaseRedis;
	return {
		whileLeader(name, start, stop) {
			const key = `${prefix}:lease:${name}`;
			const token = randomUUID();
			let held = false;
			let stopped = false;
			const tick = async (): Promise<void> => {
				try {
					const holding = held ? (await client.digestbotRenewLease(key, token, ttlMs)) === 1 : (await client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
					if (holding && !held) {
						held = true;
						log?.info({ lease: name }, 'this instance took the lease');
						await start();
					} else if (!holding && held) {
						held = false;
						log?.warn({ lease: name }, 'this instance lost the lease');
						await stop();
					}
				} catch (error) {
					// Redis unreachable: keep going while the lease may still be ours; the others
					// cannot take it before it expires either.
					log?.debug({ err: error, lease: name }, 'lease: Redis error');
				}
			};
			let timer: NodeJS.Timeout | undefined;
			const loop = (): void => {
				void tick().finally(() => {
					if (!stopped) timer = setTimeout(loop, Math.max(50, Math.floor(ttlMs / 3)));
				});
			};
			loop();
			return async () => {
				stopped = true;
				clearTimeout(timer);
				if (held) {
					held = false;
					await stop();
					await client.digestbotReleaseLease(key, token).catch(() => undefined);
				}
			};
		},
		async firstSighting(key, sightingTtlMs) {
			return (await client.set(`${prefix}:seen:${key}`, '1', 'PX', sightingTtlMs, 'NX')) === 'OK';
		},
	};
}
