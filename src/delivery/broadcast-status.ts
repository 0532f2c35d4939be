import type { BroadcastSummary } from '../command/command.js';
import type { DeliveryQueue } from './delivery-queue.js';

/**
 * The latest broadcast's counts in the shape `/status` shows (`CommandContext.broadcastStatus`).
 * Issues skipped as backlog are not broadcasts and never show here.
 */
export async function latestBroadcastSummary(queue: Pick<DeliveryQueue, 'stats'>): Promise<BroadcastSummary | undefined> {
	const stats = await queue.stats();
	if (!stats || stats.state === 'skipped') return undefined;
	return { issueId: stats.issueId, startedAt: stats.createdAt, total: stats.queued, delivered: stats.delivered, failed: stats.failed, unsubscribed: stats.unsubscribed, pending: stats.pending };
}
