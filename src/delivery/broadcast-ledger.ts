import type { BroadcastRecord, BroadcastStats, FinalJobState } from './delivery-job.js';

/**
 * What the planner, `/status` and `/health` ask of a delivery engine, whichever it is: the
 * broadcast's existence (the "handled" marker) and its counts. The embedded keyv queue
 * implements it together with its claim/complete loop; on Redis a {@link BroadcastLedger}
 * keeps it beside BullMQ.
 */
export interface BroadcastQueue {
	/**
	 * Creates the broadcast of an issue with one job per subscription id (the snapshot). Idempotent:
	 * when the issue already has a broadcast (or was skipped) nothing is added and its stats return.
	 * `dueAt` holds the due instant (epoch ms) of subscriptions that chose an hour; the others are due at once.
	 */
	enqueueBroadcast(issueId: string, subscriptionIds: readonly string[], dueAt?: ReadonlyMap<string, number>): Promise<BroadcastStats>;
	/** Records an issue as handled without posting it (the first start's backlog). */
	skipBroadcast(issueId: string, reason: string): Promise<void>;
	/** Whether the issue was already broadcast or skipped. */
	hasBroadcast(issueId: string): Promise<boolean>;
	/** Counts of one broadcast, or of the latest one when no id is given. */
	stats(issueId?: string): Promise<BroadcastStats | undefined>;
}

/**
 * Broadcast bookkeeping shared by every process: the record is created once (whoever comes
 * first), each job's outcome is counted once even when a job runs twice after a crash, and the
 * broadcast turns `finished` when the last outcome is in.
 */
export interface BroadcastLedger {
	/** Creates the record unless one exists; true when this call created it. */
	open(record: BroadcastRecord): Promise<boolean>;
	/** Moves the record on (`enqueuing` → `sending`, or `finished` for an empty snapshot). */
	setState(issueId: string, state: BroadcastRecord['state']): Promise<void>;
	/** Counts one job's final outcome, once per subscription; returns the record afterwards. */
	record(issueId: string, subscriptionId: string, outcome: FinalJobState): Promise<BroadcastRecord | undefined>;
	read(issueId?: string): Promise<BroadcastRecord | undefined>;
}

/** Jobs of a record not final yet. */
export function pendingOf(record: BroadcastRecord): number {
	return record.state === 'skipped' ? 0 : Math.max(0, record.queued - record.delivered - record.failed - record.unsubscribed);
}

export function statsOf(record: BroadcastRecord, inFlight = 0): BroadcastStats {
	return { ...record, pending: pendingOf(record), inFlight };
}
