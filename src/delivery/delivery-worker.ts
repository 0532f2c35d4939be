import type { Logger } from 'pino';
import type { ArchivedIssue } from '../archive/archive.js';
import type { Block } from '../content/block.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { DeliveryJob } from './delivery-job.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { DeliveryTransport } from './delivery-transport.js';
import { issueContent } from './issue-content.js';
import type { DeliveryRateLimiter } from './rate-limits.js';
import { decideRetry, defaultRetryPolicy, type RetryPolicyOptions } from './retry-policy.js';

export interface DeliveryWorkerDeps {
	readonly queue: DeliveryQueue;
	readonly subscriptions: SubscriptionStore;
	/** One transport per platform; jobs for a platform without one wait for a run that has it. */
	readonly transports: Partial<Record<Subscription['platform'], DeliveryTransport>>;
	/** The archived issue by exact id (not by number or date). */
	readonly findIssue: (issueId: string) => ArchivedIssue | undefined;
	readonly limiter: DeliveryRateLimiter;
	readonly policy?: RetryPolicyOptions;
	/** Sends at once. Bounded so a flood of slow chats cannot exhaust sockets or memory. */
	readonly concurrency?: number;
	/** Longest sleep when there is nothing to claim; `wake()` cuts it short. */
	readonly idleMs?: number;
	readonly log?: Logger;
	readonly now?: () => number;
	/** Told of each post once it is recorded as delivered (reader memory); a failure here is logged, never retried. */
	readonly onDelivered?: (subscription: Subscription, issue: ArchivedIssue) => Promise<void>;
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

/** How long a job waits before looking again for its platform's adapter. */
const missingTransportDelayMs = 10 * 60_000;

/** Hops followed from a migrated subscription to its replacement. */
const maxMoves = 3;

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
	const contentCache = new Map<string, Block[]>();
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

	/** Follows a migrated chat to where it moved; only an active subscription is posted to. */
	const resolveSubscription = async (stored: Subscription | undefined): Promise<Subscription | undefined> => {
		let subscription = stored;
		for (let hop = 0; hop < maxMoves && subscription?.status === 'ended' && subscription.movedTo; hop += 1) subscription = await subscriptions.get(subscription.movedTo);
		return subscription?.status === 'active' ? subscription : undefined;
	};

	const contentFor = (archived: ArchivedIssue, subscription: Subscription): readonly Block[] => {
		const key = JSON.stringify([archived.issue.id, subscription.format, subscription.sections ?? []]);
		let blocks = contentCache.get(key);
		if (!blocks) {
			if (contentCache.size > 100) contentCache.clear();
			blocks = issueContent(archived, subscription.format, subscription.sections);
			contentCache.set(key, blocks);
		}
		return blocks;
	};

	/** Waits out the platform-wide limit; returns false when the chat itself is limited. */
	const waitForSlot = async (subscription: Subscription, deferChat: boolean): Promise<{ ok: true } | { ok: false; wait: number }> => {
		for (;;) {
			const reservation = limiter.reserve(subscription);
			if (reservation.wait === 0) return { ok: true };
			if (reservation.scope === 'chat' && deferChat) return { ok: false, wait: reservation.wait };
			await new Promise((resolve) => setTimeout(resolve, reservation.wait));
		}
	};

	const deliver = async (job: DeliveryJob, stored: Promise<Subscription | undefined>): Promise<void> => {
		const subscription = await resolveSubscription(await stored);
		if (!subscription) {
			await queue.complete(job.id, 'unsubscribed');
			log?.debug({ issue: job.issueId, subscription: job.subscriptionId }, 'subscriber left before their turn');
			return;
		}
		const transport = transports[subscription.platform];
		if (!transport) {
			// The platform is not configured in this run (a token left out for a while): keep the
			// job for a run that has it instead of failing a subscriber who did nothing wrong.
			await queue.retry(job.id, now() + missingTransportDelayMs, 'paced', `no ${subscription.platform} adapter is running`);
			log?.debug({ issue: job.issueId, subscription: subscription.id }, 'delivery waits for its platform');
			return;
		}
		const archived = findIssue(job.issueId);
		if (!archived) {
			const reason = 'the issue is no longer in the archive';
			await queue.complete(job.id, 'failed', reason);
			log?.warn({ issue: job.issueId, subscription: subscription.id, reason }, 'delivery failed');
			return;
		}
		const slot = await waitForSlot(subscription, true);
		if (!slot.ok) {
			await queue.retry(job.id, now() + slot.wait, 'paced');
			return;
		}
		const delivery = {
			jobId: job.id,
			issueId: job.issueId,
			subscription,
			attempt: job.failures + job.rateLimited + 1,
			pace: async () => {
				await waitForSlot(subscription, false);
			},
		};
		try {
			await transport.send(delivery, contentFor(archived, subscription));
		} catch (error) {
			await handleFailure(job, subscription, error);
			return;
		}
		await queue.complete(job.id, 'delivered');
		await deps.onDelivered?.(subscription, archived).catch((error: unknown) => log?.warn({ err: error, subscription: subscription.id }, 'after-delivery hook failed'));
	};

	const handleFailure = async (job: DeliveryJob, subscription: Subscription, error: unknown): Promise<void> => {
		const message = error instanceof Error ? error.message : String(error);
		const decision = decideRetry(error, job, policy);
		const context = { issue: job.issueId, subscription: subscription.id, error: message };
		switch (decision.action) {
			case 'retry':
				log?.debug({ ...context, cause: decision.cause, delayMs: decision.delayMs }, 'delivery retried');
				await queue.retry(job.id, now() + decision.delayMs, decision.cause, message);
				return;
			case 'end-subscription':
				await subscriptions.end(subscription.id, decision.reason);
				await queue.complete(job.id, 'unsubscribed', message);
				log?.info({ ...context, reason: decision.reason }, 'subscription ended: the chat is gone');
				return;
			case 'fail':
				await queue.complete(job.id, 'failed', message);
				log?.warn(context, 'delivery failed');
		}
	};

	const launch = (job: DeliveryJob, stored: Promise<Subscription | undefined>): void => {
		const task: Promise<void> = deliver(job, stored)
			.catch((error: unknown) => {
				// A store failure leaves the job claimed: it is not sent again by this process and is
				// retried after a restart, like any job in flight at a crash.
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
