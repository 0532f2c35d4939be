import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import type { MergeSlots } from '../delivery/merge-slots.js';
import { StoreError } from '../errors/store-error.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import { createSerialLock } from '../sync/serial-lock.js';
import { planDueTimes } from './due-times.js';

export interface BroadcastPlannerDeps {
	readonly archive: Archive;
	readonly queue: BroadcastQueue;
	readonly subscriptions: SubscriptionStore;
	/** Holds the "first start done" marker. */
	readonly keyv: Keyv;
	readonly log?: Logger;
	/** Called after a broadcast was queued, e.g. to wake the delivery worker. */
	readonly onQueued?: () => void;
	/** The engine's slots, where issues waiting for a subscriber's hour are gathered into one post. */
	readonly merges?: MergeSlots;
	/** The clock the subscribers' hours are counted from (tests fake it). */
	readonly now?: () => number;
}

export type PlanOutcome = 'queued' | 'already-handled' | 'not-in-archive';

export interface BroadcastPlanner {
	/**
	 * Run once after the archive loaded and the start-up scan of DIGEST_DIR: on the very first
	 * start every issue is marked handled without posting (nobody wants the whole backlog);
	 * afterwards every issue without a broadcast, i.e. one that arrived while the bot was down or
	 * whose broadcast a crash prevented, is posted, oldest first.
	 */
	reconcile(): Promise<void>;
	/** Posts each issue the archive announces from now on, whatever its source. Returns a stop function. */
	listen(): () => void;
	/** Queues the issue's broadcast unless it already has one. */
	plan(issueId: string): Promise<PlanOutcome>;
}

const initialisedKey = 'publish:initialised';

/**
 * Decides which issues get posted. The broadcast record in the delivery queue is the "handled"
 * marker: it is written before any post, and an issue that has one is never posted again,
 * however often it is published or edited.
 */
export function createBroadcastPlanner(deps: BroadcastPlannerDeps): BroadcastPlanner {
	const { archive, queue, subscriptions, keyv, log } = deps;
	const lock = createSerialLock();

	const plan = (issueId: string): Promise<PlanOutcome> =>
		lock.run(async () => {
			if (!archive.get(issueId)) return 'not-in-archive';
			if (await queue.hasBroadcast(issueId)) return 'already-handled';
			// The snapshot: who is subscribed now gets this issue; later joiners read it with /latest.
			const snapshot = await subscriptions.activeIds();
			// Subscribers who chose an hour get a due time; their slot learns of the issue before the jobs exist.
			const due = await planDueTimes(subscriptions, snapshot, (deps.now ?? Date.now)(), log);
			if (due.size > 0) await deps.merges?.join(issueId, due);
			const stats = await queue.enqueueBroadcast(issueId, snapshot, due.size > 0 ? due : undefined);
			log?.info({ issue: issueId, queued: stats.queued }, 'new issue: broadcast planned');
			deps.onQueued?.();
			return 'queued';
		});

	return {
		plan,
		async reconcile() {
			let initialised: unknown;
			try {
				initialised = await keyv.get(initialisedKey);
			} catch (error) {
				throw new StoreError('get', initialisedKey, { cause: error });
			}
			const oldestFirst = [...archive.list()].reverse();
			if (initialised !== true) {
				for (const entry of oldestFirst) await queue.skipBroadcast(entry.id, 'backlog at first start');
				try {
					await keyv.set(initialisedKey, true);
				} catch (error) {
					throw new StoreError('set', initialisedKey, { cause: error });
				}
				log?.info({ issues: oldestFirst.length }, 'first start: existing issues archived without posting');
				return;
			}
			for (const entry of oldestFirst) await plan(entry.id);
		},
		listen() {
			return archive.onIssue((event) => {
				plan(event.issue.id).catch((error: unknown) => log?.error({ err: error, issue: event.issue.id }, 'planning the broadcast failed; it is retried at the next start'));
			});
		},
	};
}
