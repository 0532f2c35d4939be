import type { BroadcastStats, DeliveryJob, FinalJobState } from './delivery-job.js';

/** Why a claimed job goes back to the queue. Only `transient` counts towards the attempt limit. */
export type RetryCause = 'rate-limited' | 'transient' | 'paced';

/**
 * The durable delivery queue. Small on purpose: the embedded keyv implementation
 * (keyv-delivery-queue.ts) sits behind it today, and a BullMQ queue can replace it without
 * touching the worker, the adapters or the commands (claim ≈ `Worker.getNextJob`, complete ≈
 * `moveToCompleted`, retry ≈ `moveToDelayed`, fail ≈ `moveToFailed`).
 *
 * Guarantees every implementation must keep:
 * - every job is persisted before `enqueueBroadcast` resolves, so nothing is sent unrecorded;
 * - a job in a final state is never handed out again;
 * - a job is handed to one claimer at a time;
 * - jobs that were in flight when the process died are handed out again after a restart: they
 *   are the only possible duplicates.
 */
export interface DeliveryQueue {
	/**
	 * Creates the broadcast of an issue with one job per subscription id (the snapshot). Idempotent:
	 * when the issue already has a broadcast (or was skipped) nothing is added and its stats return.
	 */
	enqueueBroadcast(issueId: string, subscriptionIds: readonly string[]): Promise<BroadcastStats>;
	/** Records an issue as handled without posting it (the first start's backlog). */
	skipBroadcast(issueId: string, reason: string): Promise<void>;
	/** Whether the issue was already broadcast or skipped. */
	hasBroadcast(issueId: string): Promise<boolean>;
	/** Hands out up to `limit` due jobs; each stays out until it is completed or retried. */
	claim(limit: number): Promise<DeliveryJob[]>;
	/** Records a claimed job as final. `delivered` is written only after the platform accepted the post. */
	complete(jobId: string, outcome: FinalJobState, error?: string): Promise<void>;
	/** Returns a claimed job to the queue, due at `at` (epoch ms). */
	retry(jobId: string, at: number, cause: RetryCause, error?: string): Promise<void>;
	/** Counts of one broadcast, or of the latest one when no id is given. */
	stats(issueId?: string): Promise<BroadcastStats | undefined>;
	/** When the next open job is due: now or earlier when one is ready, undefined when nothing is open. */
	nextDueAt(): number | undefined;
}
