import { z } from 'zod';

/**
 * `queued` is open; the rest are final and never sent again. Being sent is not a stored state:
 * marking it would cost a store round trip before every post, and after a crash those jobs are
 * queued again either way.
 */
export const jobStates = ['queued', 'delivered', 'failed', 'unsubscribed'] as const;
export type JobState = (typeof jobStates)[number];
export type FinalJobState = Exclude<JobState, 'queued'>;

/** What a job is while one engine (the keyv loop or a BullMQ worker) hands it to the step. */
export interface JobToDeliver {
	readonly id: string;
	readonly issueId: string;
	readonly subscriptionId: string;
	readonly failures: number;
	readonly rateLimited: number;
	/** The subscription's chosen hour this job waits for (its slot), when it has one; see merge-slots.ts. */
	readonly dueAt?: number;
}

/** One post of one issue to one subscription. */
export const deliveryJobSchema = z.object({
	id: z.string(),
	issueId: z.string(),
	subscriptionId: z.string(),
	state: z.enum(jobStates),
	/** Failed sends that count towards the attempt limit (transient errors). */
	failures: z.number().int().min(0),
	/** 429 answers so far: they never exhaust the attempt limit, only a much higher ceiling. */
	rateLimited: z.number().int().min(0),
	/** Epoch milliseconds before which the job is not claimed (backoff, retry_after, pacing). */
	notBefore: z.number(),
	/** The subscription's chosen hour the job was planned for (`/settings at`); absent: sent at once. */
	dueAt: z.number().optional(),
	lastError: z.string().optional(),
	updatedAt: z.string(),
});
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

/**
 * A broadcast: one issue posted to the subscribers of the moment it was created. Its existence
 * is the marker that the issue was handled, so publishing the issue again does not repost it;
 * `skipped` marks issues archived without posting (the backlog of the very first start).
 */
export const broadcastRecordSchema = z.object({
	issueId: z.string(),
	state: z.enum(['enqueuing', 'sending', 'finished', 'skipped']),
	skipReason: z.string().optional(),
	createdAt: z.string(),
	finishedAt: z.string().optional(),
	/** Jobs created: the subscribers in the snapshot. */
	queued: z.number().int().min(0),
	delivered: z.number().int().min(0),
	failed: z.number().int().min(0),
	/** Subscribers who left before their turn, or whose chat turned out to be gone. */
	unsubscribed: z.number().int().min(0),
	/** Jobs waiting for their subscriber's hour, by the minute they fall due (broadcast-schedule.ts). */
	scheduled: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type BroadcastRecord = z.infer<typeof broadcastRecordSchema>;

/** A broadcast's counts as `/status` shows them. */
export interface BroadcastStats extends BroadcastRecord {
	/** Jobs not final yet (queued, waiting for a retry, or being sent). */
	readonly pending: number;
	readonly inFlight: number;
}

/** Job ids pair the issue and the subscription, so enqueueing the same pair twice is one job. */
export function deliveryJobId(issueId: string, subscriptionId: string): string {
	return `${issueId}/${subscriptionId}`;
}
