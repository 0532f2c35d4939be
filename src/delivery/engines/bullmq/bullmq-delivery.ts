import { DelayedError, Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { statsOf, type BroadcastLedger, type BroadcastQueue } from '../../broadcast-ledger.js';
import { scheduleOf } from '../../broadcast-schedule.js';
import { createContentCache, deliverJob, type DeliverStepDeps } from '../../deliver-job.js';
import { deliveryJobId } from '../../delivery-job.js';
import { storeRetryPolicy } from '../../retry-policy.js';
import { storeErrorIn } from '../../../errors/store-error.js';
import { isExpectedDisconnect } from '../../../store/connection-errors.js';

/** What a BullMQ job carries: the pair, and the counters the retry policy reads. */
export interface DeliveryJobData {
	readonly issueId: string;
	readonly subscriptionId: string;
	readonly failures: number;
	readonly rateLimited: number;
	readonly lastError?: string;
	/** The subscription's chosen hour (`/settings at`), as the keyv job's `dueAt`. */
	readonly dueAt?: number;
}

/** The queue's name under the key prefix. */
const queueName = 'delivery';

/** Jobs per `addBulk`: one round trip carries many, none carries a whole million. */
const enqueueChunk = 1_000;

/**
 * A finished job is kept a day. Its id is what makes a second enqueue of the same pair a no-op,
 * so keeping it covers an enqueue repeated after a crash cut one short (see `enqueueBroadcast`).
 */
const keepCompleted = { age: 24 * 3600 };
const keepFailed = { age: 7 * 24 * 3600 };

/**
 * BullMQ refuses custom ids that contain ':' (it reserves them for repeatable jobs) or that
 * read as integers; subscription ids contain ':' ("telegram:123"). Percent-encoding is stable
 * and reversible, so one pair always maps to the same id, and it always contains '/'.
 */
export function bullmqJobId(issueId: string, subscriptionId: string): string {
	return encodeURIComponent(deliveryJobId(issueId, subscriptionId));
}

export interface BullmqBroadcastQueue extends BroadcastQueue {
	/** Jobs not final yet (waiting, delayed, active), for `/metrics`. */
	depth(): Promise<number>;
	close(): Promise<void>;
}

export interface BullmqQueueOptions {
	readonly connection: ConnectionOptions;
	/** Key prefix of every BullMQ key (one per deployment; one per test file). */
	readonly prefix: string;
	readonly ledger: BroadcastLedger;
	readonly log?: Logger;
	readonly now?: () => number;
}

/**
 * The producer side on Redis: the broadcast record is opened once (whoever comes first), then
 * one BullMQ job per (issue, subscription) with a stable id, so a republish, a second publisher
 * or two web instances never create a job twice.
 */
export function createBullmqBroadcastQueue(options: BullmqQueueOptions): BullmqBroadcastQueue {
	const { ledger, log } = options;
	const now = options.now ?? Date.now;
	const queue = new Queue<DeliveryJobData>(queueName, { connection: options.connection, prefix: options.prefix });
	queue.on('error', (error) => logRedisError(log, error, 'delivery queue: Redis error'));

	const addJobs = async (issueId: string, subscriptionIds: readonly string[], dueAt?: ReadonlyMap<string, number>): Promise<void> => {
		for (let start = 0; start < subscriptionIds.length; start += enqueueChunk) {
			const slice = subscriptionIds.slice(start, start + enqueueChunk);
			await queue.addBulk(
				slice.map((subscriptionId) => {
					// A delayed job is held in Redis until its hour, so a restart neither loses nor sends it early.
					const due = dueAt?.get(subscriptionId);
					return {
						name: 'post',
						data: { issueId, subscriptionId, failures: 0, rateLimited: 0, ...(due === undefined ? {} : { dueAt: due }) },
						opts: { jobId: bullmqJobId(issueId, subscriptionId), removeOnComplete: keepCompleted, removeOnFail: keepFailed, attempts: storeRetryPolicy.jobAttempts, backoff: { type: 'exponential', delay: storeRetryPolicy.jobBackoffMs }, ...(due === undefined ? {} : { delay: Math.max(0, due - now()) }) },
					};
				}),
			);
		}
	};

	return {
		async enqueueBroadcast(issueId, subscriptionIds, dueAt) {
			const targets = [...new Set(subscriptionIds)];
			const createdAt = new Date(now()).toISOString();
			const opened = await ledger.open({ issueId, state: 'enqueuing', createdAt, queued: targets.length, delivered: 0, failed: 0, unsubscribed: 0, ...(dueAt && dueAt.size > 0 ? { scheduled: scheduleOf(dueAt) } : {}) });
			const existing = await ledger.read(issueId);
			// Someone else created it: done, unless their enqueue was cut short (then finishing it
			// is safe, the job ids make every add that already happened a no-op).
			if (!opened && existing?.state !== 'enqueuing') return statsOf(existing ?? { issueId, state: 'sending', createdAt, queued: 0, delivered: 0, failed: 0, unsubscribed: 0 });
			await addJobs(issueId, targets, dueAt);
			await ledger.setState(issueId, targets.length === 0 ? 'finished' : 'sending');
			log?.info({ issue: issueId, queued: targets.length }, 'broadcast queued');
			const record = await ledger.read(issueId);
			return statsOf(record ?? { issueId, state: 'sending', createdAt, queued: targets.length, delivered: 0, failed: 0, unsubscribed: 0 });
		},
		async skipBroadcast(issueId, reason) {
			await ledger.open({ issueId, state: 'skipped', skipReason: reason, createdAt: new Date(now()).toISOString(), queued: 0, delivered: 0, failed: 0, unsubscribed: 0 });
		},
		async hasBroadcast(issueId) {
			return (await ledger.read(issueId)) !== undefined;
		},
		async stats(issueId) {
			const record = await ledger.read(issueId);
			return record ? statsOf(record) : undefined;
		},
		async depth() {
			const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
			return Object.values(counts).reduce((sum, count) => sum + count, 0);
		},
		close: () => queue.close(),
	};
}

export interface BullmqWorkerOptions {
	readonly connection: ConnectionOptions;
	readonly prefix: string;
	readonly ledger: BroadcastLedger;
	readonly step: Omit<DeliverStepDeps, 'contentFor'>;
	readonly concurrency: number;
	/**
	 * How long a job's lock lasts; BullMQ renews it every half of this while the post is being
	 * sent, so a long multi-part post is never taken for stalled. Only a dead (or frozen) worker
	 * lets it lapse, and then another worker takes the job: the one case that can post twice.
	 */
	readonly lockDurationMs?: number;
	/** How often workers look for jobs whose lock lapsed. */
	readonly stalledIntervalMs?: number;
	readonly log?: Logger;
	/** Told of every outcome (a final state, or the cause of a retry: rate-limited, transient, paced), e.g. for `/metrics`. */
	readonly onOutcome?: (platform: string | undefined, outcome: string) => void;
}

export interface BullmqDeliveryWorker {
	start(): void;
	stop(): Promise<void>;
	/** BullMQ wakes its workers itself; kept so both engines look alike to the caller. */
	wake(): void;
	/** Resolves the next time no job is waiting, delayed or active. */
	whenIdle(): Promise<void>;
}

/**
 * A job's lock: BullMQ renews it every half of this (4 s) while the processor runs, so a post
 * being sent, every part of a multi-part post included, keeps it. A worker that dies stops
 * renewing; its lock lapses within 8 s and the next stalled check (every 3 s) hands its jobs to
 * another worker: taken over within about 11 s, where 60 s + 30 s made readers wait ~75 s.
 * A shorter lock would be lost to a busy event loop (a GC pause, a long render) and post twice.
 */
export const defaultLockDurationMs = 8_000;
export const defaultStalledIntervalMs = 3_000;

/** How long a job waits when the store could not be read for it (an outage): not counted as an attempt. */
const storeRetryDelayMs = 2_000;

/**
 * The consumer side: a BullMQ worker whose processor is the shared step. A final outcome is
 * counted in the ledger before the job completes; a retry (429, backoff, pacing) moves the job
 * to BullMQ's delayed set with the step's due time. Retries, delays and stalled-job recovery
 * are BullMQ's; a processor error (the store failing) is retried with BullMQ's backoff.
 */
export function createBullmqDeliveryWorker(options: BullmqWorkerOptions): BullmqDeliveryWorker {
	const { ledger, log } = options;
	const step: DeliverStepDeps = { ...options.step, contentFor: createContentCache(options.step.publicationName) };
	let worker: Worker<DeliveryJobData> | undefined;
	const queue = new Queue<DeliveryJobData>(queueName, { connection: options.connection, prefix: options.prefix });
	queue.on('error', () => undefined);

	const recordFinal = async (data: DeliveryJobData, outcome: 'delivered' | 'failed' | 'unsubscribed'): Promise<void> => {
		for (let attempt = 1; ; attempt += 1) {
			try {
				await ledger.record(data.issueId, data.subscriptionId, outcome);
				return;
			} catch (error) {
				// The post is out: hold the job (its lock is renewed meanwhile) rather than fail it
				// and have BullMQ send it again; give up only after a long outage.
				if (attempt >= storeRetryPolicy.recordAttempts) throw error;
				await new Promise((resolve) => setTimeout(resolve, Math.min(storeRetryPolicy.recordBackoffMaxMs, storeRetryPolicy.recordBackoffMs * 2 ** attempt)));
			}
		}
	};

	const processJob = async (job: Job<DeliveryJobData>, token?: string): Promise<string> => {
		const data = job.data;
		let stored: Awaited<ReturnType<DeliverStepDeps['subscriptions']['get']>>;
		let outcome: Awaited<ReturnType<typeof deliverJob>>;
		try {
			stored = await step.subscriptions.get(data.subscriptionId);
			outcome = await deliverJob({ id: job.id ?? bullmqJobId(data.issueId, data.subscriptionId), ...data }, stored, step);
		} catch (error) {
			// The store failed under the job (Redis going away mid-read): the subscriber is not known
			// to be gone, so the job waits and is read again, and the outage spends none of its attempts.
			const storeError = storeErrorIn(error);
			if (!storeError) throw error;
			stored = undefined;
			outcome = { kind: 'retry', at: Date.now() + storeRetryDelayMs, cause: 'paced', error: storeError.message };
		}
		if (outcome.kind === 'final') {
			await recordFinal(data, outcome.state);
			options.onOutcome?.(stored?.platform, outcome.state);
			return outcome.state;
		}
		options.onOutcome?.(stored?.platform, outcome.cause);
		await job.updateData({
			...data,
			failures: data.failures + (outcome.cause === 'transient' ? 1 : 0),
			rateLimited: data.rateLimited + (outcome.cause === 'rate-limited' ? 1 : 0),
			...(outcome.error ? { lastError: outcome.error } : {}),
		});
		await job.moveToDelayed(outcome.at, token);
		throw new DelayedError();
	};

	return {
		start() {
			if (worker) return;
			const lockDuration = options.lockDurationMs ?? defaultLockDurationMs;
			worker = new Worker<DeliveryJobData>(queueName, processJob, {
				connection: options.connection,
				prefix: options.prefix,
				concurrency: options.concurrency,
				lockDuration,
				stalledInterval: options.stalledIntervalMs ?? defaultStalledIntervalMs,
				// A job is taken for stalled only when its worker died; after ten such deaths in a
				// row something is wrong with the job itself.
				maxStalledCount: 10,
			});
			worker.on('error', (error) => logRedisError(log, error, 'delivery worker: Redis error'));
			worker.on('failed', (job, error) => {
				if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
					log?.error({ err: error, issue: job.data.issueId, subscription: job.data.subscriptionId }, 'delivery job failed for good');
					void ledger.record(job.data.issueId, job.data.subscriptionId, 'failed').catch(() => undefined);
				}
			});
		},
		async stop() {
			await worker?.close();
			worker = undefined;
			await queue.close();
		},
		wake() {},
		async whenIdle() {
			for (;;) {
				const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
				if (Object.values(counts).every((count) => count === 0)) return;
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		},
	};
}

/**
 * A dropped connection is an outage, which the store's health logs once (one warn line, then one
 * info line with its duration); BullMQ reports it per connection and per retry, so here it is debug.
 */
function logRedisError(log: Logger | undefined, error: unknown, message: string): void {
	if (isExpectedDisconnect(error)) log?.debug({ error: error instanceof Error ? error.message : String(error) }, message);
	else log?.warn({ err: error }, message);
}
