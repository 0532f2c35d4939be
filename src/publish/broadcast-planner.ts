import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import type { MergeSlots } from '../delivery/slots/merge-slots.js';
import { StoreError } from '../errors/store-error.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import { readSubscriptionId } from '../subscriptions/subscription.js';
import { createSerialLock } from '../sync/serial-lock.js';
import { planDueTimes } from './due-times.js';
import type { CorrectionStores } from '../delivery/corrections/correction-stores.js';
import { issueBaseline } from '../delivery/corrections/issue-changes.js';
import { planCorrection, type CorrectionPlanOutcome } from './correction-planner.js';

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
	/** With them, an issue published again with changes is corrected in place (correction-planner.ts). */
	readonly corrections?: CorrectionStores;
	/** Sends an issue only to those who follow its publication; without it every subscriber gets every issue. */
	readonly publications?: SubscriberPublications;
}

/** What the planner needs of the publications (`PublicationCatalogue`). */
export interface SubscriberPublications {
	/** The publication a subscription without one (every subscription made before publications) follows. */
	defaultSlug(): string;
}

export type PlanOutcome = 'queued' | 'already-handled' | 'not-in-archive' | CorrectionPlanOutcome;

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
	/** Queues the issue's broadcast unless it already has one; `updated`: the issue changed, so one that was posted is corrected. */
	plan(issueId: string, updated?: boolean): Promise<PlanOutcome>;
}

const initialisedKey = 'publish:initialised';

/** Issues, newest first, whose content is compared with what was posted at every start. */
const correctedAtStart = 10;

/**
 * Decides which issues get posted. The broadcast record in the delivery queue is the "handled"
 * marker: it is written before any post, and an issue that has one is never posted again,
 * however often it is published; published again with changes, it is corrected instead.
 */
export function createBroadcastPlanner(deps: BroadcastPlannerDeps): BroadcastPlanner {
	const { archive, queue, subscriptions, keyv, log } = deps;
	const lock = createSerialLock();

	const plan = (issueId: string, updated = false): Promise<PlanOutcome> =>
		lock.run(async () => {
			const archived = archive.get(issueId);
			if (!archived) return 'not-in-archive';
			if (await queue.hasBroadcast(issueId)) {
				if (!updated || !deps.corrections) return 'already-handled';
				const outcome = await planCorrection({ queue, subscriptions, stores: deps.corrections, ...(log ? { log } : {}) }, archived);
				if (outcome === 'correction-queued') deps.onQueued?.();
				return outcome;
			}
			// What the first post says, for the correction that may follow; before the broadcast, so
			// every issue with a broadcast has one.
			await deps.corrections?.corrections.setBaseline(issueId, issueBaseline(archived.issue));
			// The snapshot: who is subscribed now gets this issue; later joiners read it with /latest.
			const active = await subscriptions.activeIds();
			const snapshot = deps.publications ? followersOf(active, archived.publication, deps.publications.defaultSlug()) : active;
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
			// An issue file changed while the bot was down was re-read before the planner listened:
			// the latest few issues (the ones anybody corrects) are checked for a correction.
			const recent = new Set(archive.list().slice(0, correctedAtStart).map((entry) => entry.id));
			for (const entry of oldestFirst) await plan(entry.id, recent.has(entry.id));
		},
		listen() {
			return archive.onIssue((event) => {
				plan(event.issue.id, event.outcome === 'updated').catch((error: unknown) => log?.error({ err: error, issue: event.issue.id }, 'planning the broadcast failed; it is retried at the next start'));
			});
		},
	};
}

/**
 * The subscriptions that get an issue of `publication`: those to it and those to all (`*`),
 * from the ids alone (they carry the publication), so planning reads no record per subscriber.
 * A chat following both this publication and all of them gets the issue once, in the
 * subscription it made for this publication (its format and hour); snapshot order is kept.
 */
export function followersOf(ids: readonly string[], publication: string, defaultSlug: string): string[] {
	const chosen = new Map<string, string>();
	for (const id of ids) {
		const { target, publication: followed = defaultSlug } = readSubscriptionId(id);
		if (followed !== '*' && followed !== publication) continue;
		const previous = chosen.get(target);
		if (previous === undefined || readSubscriptionId(previous).publication === '*') chosen.set(target, id);
	}
	return [...chosen.values()];
}
