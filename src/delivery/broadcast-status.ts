import type { BroadcastQueue } from './broadcast-ledger.js';

/** The latest broadcast's counts as `/status` shows them (the command layer's `BroadcastSummary`). */
export interface LatestBroadcastSummary {
	readonly issueId: string;
	readonly startedAt: string;
	readonly total: number;
	readonly delivered: number;
	readonly failed: number;
	readonly unsubscribed: number;
	readonly pending: number;
}

/** The latest broadcast's counts (`CommandContext.broadcastStatus`). Issues skipped as backlog are not broadcasts and never show here. */
export async function latestBroadcastSummary(queue: Pick<BroadcastQueue, 'stats'>): Promise<LatestBroadcastSummary | undefined> {
	const stats = await queue.stats();
	if (!stats || stats.state === 'skipped') return undefined;
	return { issueId: stats.issueId, startedAt: stats.createdAt, total: stats.queued, delivered: stats.delivered, failed: stats.failed, unsubscribed: stats.unsubscribed, pending: stats.pending };
}
