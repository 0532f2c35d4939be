import type { BroadcastQueue } from '../broadcast-ledger.js';
import { broadcastTargetOf } from './correction-id.js';
import type { CorrectionStore } from './correction-stores.js';
import type { BroadcastStats } from '../delivery-job.js';

/** A correction's counts as `/status` shows them. */
export interface CorrectionSummary {
	readonly issueId: string;
	readonly edited: number;
	/** "Correction: …" posts, where an edit was impossible. */
	readonly posted: number;
	/** Subscribers whose format did not show what changed. */
	readonly unchanged: number;
	readonly failed: number;
	readonly pending: number;
	readonly total: number;
}

/**
 * When the latest broadcast is a correction: the corrected issue's own broadcast (what the
 * `/status` broadcast lines show) and the correction's counts beside it.
 */
export async function correctionOfLatest(queue: Pick<BroadcastQueue, 'stats'>, latest: BroadcastStats, corrections: Pick<CorrectionStore, 'counts'> | undefined): Promise<{ original: BroadcastStats; correction: CorrectionSummary } | undefined> {
	const target = broadcastTargetOf(latest.issueId);
	if (target.kind !== 'correction') return undefined;
	const original = await queue.stats(target.issueId);
	if (!original) return undefined;
	const counts = (await corrections?.counts(target.broadcastId)) ?? { edited: 0, posted: 0, unchanged: 0 };
	return { original, correction: { issueId: target.issueId, ...counts, failed: latest.failed + latest.unsubscribed, pending: latest.pending, total: latest.queued } };
}
