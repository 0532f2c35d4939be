import type { Logger } from 'pino';
import type { ArchivedIssue } from '../archive/archive.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import { correctionBroadcastId } from '../delivery/corrections/correction-id.js';
import type { CorrectionStores } from '../delivery/corrections/correction-stores.js';
import { diffIssues, issueBaseline } from '../delivery/corrections/issue-changes.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';

export interface CorrectionPlanDeps {
	readonly queue: BroadcastQueue;
	readonly subscriptions: Pick<SubscriptionStore, 'activeIds'>;
	readonly stores: CorrectionStores;
	readonly log?: Logger;
}

export type CorrectionPlanOutcome = 'correction-queued' | 'unchanged' | 'already-handled' | 'not-broadcast';

/**
 * Plans the correction of an issue that was posted and is now published with other content:
 * one broadcast per content revision (correction-id.ts), to the subscribers who hold a post
 * of the issue and are still subscribed. Whoever's first post is still queued gets the new
 * content anyway. The revision's stories become the baseline the next correction is told
 * against; it is written after the jobs, so a crash in between repeats no post (the broadcast
 * exists) and at worst names a few more changes next time.
 */
export async function planCorrection(deps: CorrectionPlanDeps, archived: ArchivedIssue): Promise<CorrectionPlanOutcome> {
	const { queue, stores, log } = deps;
	const original = await queue.stats(archived.id);
	if (!original) return 'not-broadcast';
	if (original.state === 'skipped') return 'already-handled';
	const previous = await stores.corrections.baseline(archived.id);
	const current = issueBaseline(archived.issue);
	if (previous?.revision === current.revision) return 'unchanged';
	if (!previous) {
		// Posted before corrections existed: nobody holds message ids to edit, so it is only remembered.
		await stores.corrections.setBaseline(archived.id, current);
		return 'unchanged';
	}
	const broadcastId = correctionBroadcastId(archived.id, current.revision);
	if (await queue.hasBroadcast(broadcastId)) {
		// Planned before a crash cut the baseline's update short: the next correction is told against it.
		await stores.corrections.setBaseline(archived.id, current);
		return 'already-handled';
	}
	const recipients = await stores.posted.receivedBy(archived.id, await deps.subscriptions.activeIds());
	const changes = diffIssues(previous, current);
	if (recipients.length > 0) {
		await stores.corrections.open(broadcastId, changes);
		await queue.enqueueBroadcast(broadcastId, recipients);
	}
	await stores.corrections.setBaseline(archived.id, current);
	log?.info({ issue: archived.id, revision: current.revision, recipients: recipients.length, changed: changes.changed.length, added: changes.added.length, removed: changes.removed.length }, 'issue corrected: correction planned');
	return recipients.length > 0 ? 'correction-queued' : 'unchanged';
}
