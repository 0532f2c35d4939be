import type { BroadcastQueue } from './broadcast-ledger.js';
import { waitingAt } from './broadcast-schedule.js';
import { correctionOfLatest, type CorrectionSummary } from './corrections/correction-status.js';
import type { CorrectionStore } from './corrections/correction-stores.js';
import type { WaitingFollowUps } from './waiting-follow-ups.js';

/** The latest broadcast's counts as `/status` shows them (the command layer's `BroadcastSummary`). */
export interface LatestBroadcastSummary {
	readonly issueId: string;
	readonly startedAt: string;
	readonly total: number;
	readonly delivered: number;
	readonly failed: number;
	readonly unsubscribed: number;
	readonly pending: number;
	/** Of the pending, those waiting for their subscriber's hour (`/settings at`), and the minute the next is due. */
	readonly waiting: number;
	readonly nextDueAt?: string;
	/** When the latest broadcast corrected this issue: how the correction went. */
	readonly correction?: CorrectionSummary;
	/** Posts out whose follow-up (a Discord crosspost) waits for its limit's window, across broadcasts. */
	readonly followUpsWaiting?: number;
}

/** The latest broadcast's counts (`CommandContext.broadcastStatus`). Issues skipped as backlog are not broadcasts and never show here. */
export async function latestBroadcastSummary(queue: Pick<BroadcastQueue, 'stats'>, corrections?: Pick<CorrectionStore, 'counts'>, now: number = Date.now(), followUps?: Pick<WaitingFollowUps, 'count'>): Promise<LatestBroadcastSummary | undefined> {
	const latest = await queue.stats();
	if (!latest || latest.state === 'skipped') return undefined;
	const corrected = await correctionOfLatest(queue, latest, corrections);
	const stats = corrected?.original ?? latest;
	const waiting = waitingAt(stats.scheduled, now);
	const followUpsWaiting = (await followUps?.count().catch(() => 0)) ?? 0;
	return {
		...(followUpsWaiting > 0 ? { followUpsWaiting } : {}),
		...(corrected ? { correction: corrected.correction } : {}),
		issueId: stats.issueId,
		startedAt: stats.createdAt,
		total: stats.queued,
		delivered: stats.delivered,
		failed: stats.failed,
		unsubscribed: stats.unsubscribed,
		pending: stats.pending,
		waiting: Math.min(waiting.count, stats.pending),
		...(waiting.nextAt !== undefined && stats.pending > 0 ? { nextDueAt: new Date(waiting.nextAt).toISOString() } : {}),
	};
}
