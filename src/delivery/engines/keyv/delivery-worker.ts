import type { Logger } from 'pino';
import type { ArchivedIssue } from '../../../archive/archive.js';
import type { SubscriptionStore } from '../../../subscriptions/subscription-store.js';
import type { Subscription } from '../../../subscriptions/subscription.js';
import type { DeliveryJob } from '../../delivery-job.js';
import type { DeliveryQueue } from '../../delivery-queue.js';
import type { DeliveryTransport } from '../../delivery-transport.js';
import { createContentCache, deliverJob, type DeliverStepDeps } from '../../deliver-job.js';
import type { RateReserver } from '../../rate-reserver.js';
import type { MergeSlots } from '../../slots/merge-slots.js';
import { defaultRetryPolicy, storeRetryPolicy, type RetryPolicyOptions } from '../../retry-policy.js';

export interface DeliveryWorkerDeps {
	readonly queue: DeliveryQueue;
	readonly subscriptions: SubscriptionStore;
	/** One transport per platform; jobs for a platform without one wait for a run that has it. */
	readonly transports: Partial<Record<Subscription['platform'], DeliveryTransport>>;
	/** The archived issue by exact id (not by number or date). */
	readonly findIssue: (issueId: string) => ArchivedIssue | undefined;
	/** The in-memory paced limiter, or a shared one (several processes). */
	readonly limiter: RateReserver;
	readonly policy?: RetryPolicyOptions;
	/** Sends at once. Bounded so a flood of slow chats cannot exhaust sockets or memory. */
	readonly concurrency?: number;
	/** Longest sleep when there is nothing to claim; `wake()` cuts it short. */
	readonly idleMs?: number;
	readonly log?: Logger;
	readonly now?: () => number;
	/** Told of every outcome (a final state, or the cause of a retry), e.g. for `/metrics`. */
	readonly onOutcome?: (platform: string | undefined, outcome: string) => void;
	readonly onDelivered?: DeliverStepDeps['onDelivered'];
	/** Names each post's publication when there are several (see {@link DeliverStepDeps}). */
	readonly publicationName?: DeliverStepDeps['publicationName'];
	/** Issues waiting for the same chat's hour go out as one post (see merge-slots.ts). */
	readonly merges?: MergeSlots;
	/** Posted-message ids and corrections (deliver-correction.ts). */
	readonly corrections?: DeliverStepDeps['corrections'];
	/** Posts out whose follow-up (a crosspost) waits for its window. */
	readonly followUps?: DeliverStepDeps['followUps'];
}

export interface DeliveryWorker {
	start(): void;
	/** Stops claiming, lets sends in progress finish, then resolves. */
	stop(): Promise<void>;
	/** Ends the current idle sleep: call after enqueueing a broadcast. */
	wake(): void;
	/** Resolves the next time nothing is open, in flight or waiting for a retry. */
	whenIdle(): Promise<void>;
}

/**
 * Drains the queue. A job whose chat is rate-limited is put back with a due time instead of
 * occupying a slot, and a failing chat only ever occupies one slot for one send, so a slow or
 * broken chat never holds up the others.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
	const { queue, subscriptions, transports, findIssue, limiter, log } = deps;
	const policy = deps.policy ?? defaultRetryPolicy;
	const concurrency = deps.concurrency ?? 8;
	const idleMs = deps.idleMs ?? 1_000;
	const now = deps.now ?? Date.now;
	const active = new Set<Promise<void>>();
	let running = false;
	let loopDone: Promise<void> | undefined;
	let wakeUp: (() => void) | undefined;
	let idleWaiters: (() => void)[] = [];

	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const timer = setTimeout(finish, ms);
			function finish(): void {
				clearTimeout(timer);
				wakeUp = undefined;
				resolve();
			}
			wakeUp = finish;
		});

	const step: DeliverStepDeps = {
		subscriptions,
		transports,
		findIssue,
		limiter,
		policy,
		contentFor: createContentCache(deps.publicationName),
		now,
		...(deps.publicationName ? { publicationName: deps.publicationName } : {}),
		...(log ? { log } : {}),
		...(deps.onDelivered ? { onDelivered: deps.onDelivered } : {}),
		...(deps.merges ? { merges: deps.merges } : {}),
		...(deps.corrections ? { corrections: deps.corrections } : {}),
		...(deps.followUps ? { followUps: deps.followUps } : {}),
	};

	const deliver = async (job: DeliveryJob, stored: Promise<Subscription | undefined>): Promise<void> => {
		let subscription: Subscription | undefined;
		try {
			subscription = await stored;
		} catch (error) {
			// Nothing was sent: the job goes back and waits for the store rather than staying claimed
			// (and unsent) until the next restart.
			log?.warn({ err: error, issue: job.issueId, subscription: job.subscriptionId }, 'the subscription could not be read; the post waits for the store');
			queue.release(job.id, now() + storeRetryPolicy.jobBackoffMs);
			return;
		}
		const outcome = await deliverJob(job, subscription, step);
		deps.onOutcome?.(subscription?.platform, outcome.kind === 'final' ? outcome.state : outcome.cause);
		if (outcome.kind === 'final') await queue.complete(job.id, outcome.state, outcome.error);
		else await queue.retry(job.id, outcome.at, outcome.cause, outcome.error);
	};

	const launch = (job: DeliveryJob, stored: Promise<Subscription | undefined>): void => {
		const task: Promise<void> = deliver(job, stored)
			.catch((error: unknown) => {
				// A store failure after the send leaves the job claimed: it is not sent again by this
				// process and is retried after a restart, like any job in flight at a crash.
				log?.error({ err: error, issue: job.issueId, subscription: job.subscriptionId }, 'delivery bookkeeping failed');
			})
			.finally(() => active.delete(task));
		active.add(task);
	};

	const loop = async (): Promise<void> => {
		while (running) {
			const free = concurrency - active.size;
			if (free <= 0) {
				await Promise.race(active);
				continue;
			}
			let jobs: DeliveryJob[];
			try {
				jobs = await queue.claim(free);
			} catch (error) {
				log?.error({ err: error }, 'claiming delivery jobs failed');
				await sleep(idleMs);
				continue;
			}
			if (jobs.length > 0) {
				// One lookup for the whole claim; if it fails, each job's bookkeeping fails as a failed get would.
				const lookup = subscriptions.getMany(jobs.map((job) => job.subscriptionId));
				jobs.forEach((job, index) => launch(job, lookup.then((found) => found[index])));
				continue;
			}
			const due = queue.nextDueAt();
			if (due === undefined && active.size === 0) {
				const waiters = idleWaiters;
				idleWaiters = [];
				for (const resolve of waiters) resolve();
			}
			const wait = due === undefined ? idleMs : Math.min(idleMs, Math.max(1, due - now()));
			await Promise.race([sleep(wait), ...active]);
			wakeUp?.();
		}
	};

	return {
		start() {
			if (running) return;
			running = true;
			loopDone = loop();
		},
		async stop() {
			running = false;
			wakeUp?.();
			await loopDone;
			await Promise.allSettled(active);
		},
		wake() {
			wakeUp?.();
		},
		whenIdle() {
			return new Promise((resolve) => {
				idleWaiters.push(resolve);
				wakeUp?.();
			});
		},
	};
}
