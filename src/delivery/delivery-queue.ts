import type { BroadcastQueue } from './broadcast-ledger.js';
import type { DeliveryJob, FinalJobState } from './delivery-job.js';

/** Why a claimed job goes back to the queue. Only `transient` counts towards the attempt limit. */
export type RetryCause = 'rate-limited' | 'transient' | 'paced';

/**
 * The embedded, single-process delivery queue (keyv-delivery-queue.ts) that the keyv worker loop
 * drains. On Redis, BullMQ is the engine instead (bullmq-delivery.ts): both drive the same
 * step (deliver-job.ts) and answer the planner through {@link BroadcastQueue}.
 *
 * Guarantees every implementation must keep:
 * - every job is persisted before `enqueueBroadcast` resolves, so nothing is sent unrecorded;
 * - a job in a final state is never handed out again;
 * - a job is handed to one claimer at a time;
 * - jobs that were in flight when the process died are handed out again after a restart: they
 *   are the only possible duplicates.
 */
export interface DeliveryQueue extends BroadcastQueue {
	/** Hands out up to `limit` due jobs; each stays out until it is completed or retried. */
	claim(limit: number): Promise<DeliveryJob[]>;
	/** Records a claimed job as final. `delivered` is written only after the platform accepted the post. */
	complete(jobId: string, outcome: FinalJobState, error?: string): Promise<void>;
	/** Returns a claimed job to the queue, due at `at` (epoch ms). */
	retry(jobId: string, at: number, cause: RetryCause, error?: string): Promise<void>;
	/**
	 * Hands a claimed job back, due at `at`, when it was never tried: its subscription could not be
	 * read, so nothing was sent. Writes nothing (a claim writes nothing either, and the store may be
	 * what failed), so it cannot fail; the job is not counted as an attempt.
	 */
	release(jobId: string, at: number): void;
	/** When the next open job is due: now or earlier when one is ready, undefined when nothing is open. */
	nextDueAt(): number | undefined;
}
