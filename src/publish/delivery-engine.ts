import type { PublicationCatalogue } from '../publications/publication-catalogue.js';
import type { Redis } from 'ioredis';
import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import type { Settings } from '../config/config.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import { createBullmqBroadcastQueue, createBullmqDeliveryWorker } from '../delivery/engines/bullmq/bullmq-delivery.js';
import type { DeliverStepDeps } from '../delivery/deliver-job.js';
import type { DeliveryTransport } from '../delivery/delivery-transport.js';
import { createDeliveryWorker } from '../delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../delivery/engines/keyv/keyv-delivery-queue.js';
import { createKeyvMergeSlots, type MergeSlots } from '../delivery/slots/merge-slots.js';
import { createRedisMergeSlots } from '../delivery/slots/redis-merge-slots.js';
import { createPacedRateLimiter } from '../delivery/limits/paced-rate-limiter.js';
import type { LimitsByPlatform } from '../delivery/rate-reserver.js';
import { defaultRetryPolicy, type RetryPolicyOptions } from '../delivery/retry-policy.js';
import { createRedisBroadcastLedger } from '../delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createRedisRateLimiter } from '../delivery/limits/redis-rate-limiter.js';
import { createKeyvCorrectionStores, type CorrectionStores } from '../delivery/corrections/correction-stores.js';
import { createRedisCorrectionStores } from '../delivery/corrections/redis-correction-stores.js';
import { chatLocales } from '../delivery/corrections/deliver-correction.js';
import { createKeyvWaitingFollowUps, createRedisWaitingFollowUps, type WaitingFollowUps } from '../delivery/waiting-follow-ups.js';
import { createKeyvChatLanguageStore } from '../i18n/chat-language-store.js';
import type { IssueSync } from './issue-sync.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { Subscription } from '../subscriptions/subscription.js';

/** How the core posts to each platform: what the running adapters hand the engine. */
export type Transports = Partial<Record<Subscription['platform'], DeliveryTransport>>;

/**
 * Where the engine keeps its queue, chosen by the composition root (adapters/main.ts), which
 * also opens and closes the connections: `embedded` is the keyv queue of one process (SQLite or
 * memory); `bullmq` is BullMQ on Redis, shared by every process.
 */
export type DeliveryBackend = { readonly kind: 'embedded' } | BullmqBackend;

export interface BullmqBackend {
	readonly kind: 'bullmq';
	/** REDIS_KEY_PREFIX: every key and queue name starts with it. */
	readonly prefix: string;
	/** BullMQ's own: its workers block on it, so it must never give up a command (`maxRetriesPerRequest: null`). */
	readonly queueConnection: Redis;
	/**
	 * For the limits and the ledger: ioredis copies every script defined on a connection (BullMQ
	 * defines dozens) into each pipeline, and the limiter makes one per post; sharing BullMQ's
	 * connection cost 40 % of the fan-out rate (148 vs 240 posts/s).
	 */
	readonly plainConnection: Redis;
	/** Finds an issue another instance filed (a worker is asked to post issues it did not read). */
	readonly issues: Pick<IssueSync, 'find'>;
}

export interface DeliveryEngineDeps {
	readonly backend: DeliveryBackend;
	readonly settings: Settings;
	readonly keyv: Keyv;
	readonly archive: Archive;
	readonly subscriptions: SubscriptionStore;
	readonly log: Logger;
	/** Told of every outcome (platform, final state or retry cause), e.g. for `/metrics`. */
	readonly onOutcome?: (platform: string | undefined, outcome: string) => void;
	/** Told of each post the platform accepted, by either engine (reader memory for `/since`). */
	readonly onDelivered?: DeliverStepDeps['onDelivered'];
	/** With several publications, each post names its issue's; without it (or with one) posts name none. */
	readonly publications?: PostPublications;
}

/** What posts need of the publications (`PublicationCatalogue`): whether there are several, and a publication's name. */
export type PostPublications = Pick<PublicationCatalogue, 'several' | 'nameOf'>;

/**
 * The catalogue's name for an issue's publication, only when there are several to tell apart:
 * with one, posts stay exactly as they were. Asked per rendering, so a publication that appears
 * later (a new feed) is named from its first issue on.
 */
export function publicationNameFrom(publications: PostPublications): NonNullable<DeliverStepDeps['publicationName']> {
	return (archived) => (publications.several() ? publications.nameOf(archived.publication) : undefined);
}

/**
 * The queue the planner fills and the worker that drains it, whichever engine runs them. The
 * queue exists from the start (the planner and `/status` need it before any adapter runs); the
 * worker only once the adapters hand over their transports, whose declared limits it paces to.
 */
export interface DeliveryEngine {
	readonly kind: 'embedded' | 'bullmq';
	readonly queue: BroadcastQueue;
	/** Where the planner gathers issues waiting for a subscriber's hour into one post. */
	readonly merges?: MergeSlots;
	/** Posted-message ids and corrections, on the engine's backend; the correction planner reads them. */
	readonly corrections: CorrectionStores;
	/** Posts out whose follow-up (a crosspost) waits for its window: `/status` counts them. */
	readonly followUps: WaitingFollowUps;
	/** Jobs not final yet, for `/metrics`; undefined when the engine cannot say cheaply. */
	depth(): Promise<number | undefined>;
	/** `ok`, or `reconnecting` while Redis is away (clients retry with back-off); always `ok` when embedded. */
	redisStatus(): 'ok' | 'reconnecting';
	/** Starts delivering through these transports; jobs for a platform without one wait. Once only. */
	start(transports: Transports): void;
	/** A broadcast was queued: look for work now. A no-op before `start`. */
	wake(): void;
	stop(): Promise<void>;
}

/** What each engine builds once the transports are known. */
interface Worker {
	start(): void;
	wake(): void;
	stop(): Promise<void>;
}

/** Starts the worker on the first `start`; `wake` and `stop` reach it once it exists. */
function lateWorker(build: (transports: Transports) => Worker): Pick<DeliveryEngine, 'start' | 'wake' | 'stop'> {
	let worker: Worker | undefined;
	return {
		start(transports) {
			if (worker) throw new Error('the delivery engine was started twice');
			worker = build(transports);
			worker.start();
		},
		wake: () => worker?.wake(),
		stop: async () => worker?.stop(),
	};
}

/** The limits each transport declares from its adapter's settings; a platform whose transport declares none is not paced. */
function limitsOf(transports: Transports): LimitsByPlatform {
	const limits: { -readonly [P in keyof LimitsByPlatform]: LimitsByPlatform[P] } = {};
	for (const [platform, transport] of Object.entries(transports) as [Subscription['platform'], DeliveryTransport | undefined][]) if (transport?.limits) limits[platform] = transport.limits;
	return limits;
}

/**
 * One process on SQLite (or memory): the embedded keyv queue and its loop, as always. On the
 * `bullmq` backend: BullMQ, the Redis ledger and limits shared by every process, so any number
 * of processes deliver one broadcast together, each post once. The engine opens no connection:
 * the backend's are handed in and closed by whoever opened them.
 */
export async function createDeliveryEngine(deps: DeliveryEngineDeps): Promise<DeliveryEngine> {
	const { settings, keyv, archive, subscriptions, log, backend } = deps;
	const policy: RetryPolicyOptions = { ...defaultRetryPolicy, maxAttempts: settings.DELIVERY_MAX_ATTEMPTS, backoffBaseMs: settings.DELIVERY_BACKOFF_BASE_MS, backoffMaxMs: settings.DELIVERY_BACKOFF_MAX_MS };
	const findIssue = (issueId: string) => archive.get(issueId);
	const named = deps.publications ? { publicationName: publicationNameFrom(deps.publications) } : {};
	if (backend.kind === 'embedded') {
		const queue = await createKeyvDeliveryQueue(keyv, { log });
		const merges = createKeyvMergeSlots(keyv);
		const corrections = { ...createKeyvCorrectionStores(keyv), localeFor: chatLocales(createKeyvChatLanguageStore(keyv)) };
		const followUps = createKeyvWaitingFollowUps(keyv);
		const worker = lateWorker((transports) =>
			createDeliveryWorker({ ...named, queue, merges, corrections, followUps, subscriptions, transports, findIssue, limiter: createPacedRateLimiter(limitsOf(transports)), policy, concurrency: settings.DELIVERY_CONCURRENCY, log, ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}), ...(deps.onDelivered ? { onDelivered: deps.onDelivered } : {}) }),
		);
		return { kind: 'embedded', queue, merges, corrections, followUps, depth: () => Promise.resolve(undefined), redisStatus: () => 'ok', ...worker };
	}
	const { prefix, issues, queueConnection: connection, plainConnection: plain } = backend;
	const ledger = createRedisBroadcastLedger(plain, prefix);
	const queue = createBullmqBroadcastQueue({ connection, prefix, ledger, log });
	const merges = createRedisMergeSlots(plain, prefix);
	const corrections = { ...createRedisCorrectionStores(plain, prefix), localeFor: chatLocales(createKeyvChatLanguageStore(keyv)) };
	const followUps = createRedisWaitingFollowUps(plain, prefix);
	const worker = lateWorker((transports) => {
		const bullmq = createBullmqDeliveryWorker({
			connection,
			prefix,
			ledger,
			step: { ...named, subscriptions, transports, findIssue: (issueId) => issues.find(issueId), limiter: createRedisRateLimiter(plain, prefix, limitsOf(transports)), policy, now: Date.now, log, merges, corrections, followUps, ...(deps.onDelivered ? { onDelivered: deps.onDelivered } : {}) },
			concurrency: settings.DELIVERY_CONCURRENCY,
			log,
			...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
		});
		// BullMQ's workers hear of new jobs from Redis itself: nothing to wake.
		return { start: () => bullmq.start(), wake: () => undefined, stop: () => bullmq.stop() };
	});
	return {
		kind: 'bullmq',
		queue,
		merges,
		corrections,
		followUps,
		depth: () => queue.depth(),
		redisStatus: () => (plain.status === 'ready' ? 'ok' : 'reconnecting'),
		start: worker.start,
		wake: worker.wake,
		async stop() {
			await worker.stop();
			await queue.close();
		},
	};
}
