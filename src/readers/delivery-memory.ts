import type { ArchivedIssue } from '../archive/archive.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { ReaderMemory } from './reader-memory.js';

/**
 * The delivery worker's `onDelivered` hook: an issue sent to a private chat was sent to a
 * reader (the one who subscribed it, `createdBy`: on Discord the DM channel's id is not the
 * user's). Posts to groups and channels are not anyone's reading, so they are not remembered.
 * Each issue of a merged post is remembered under its own publication.
 */
export function rememberPrivateDeliveries(memory: ReaderMemory): (subscription: Subscription, issue: ArchivedIssue) => Promise<void> {
	return async (subscription, issue) => {
		if (subscription.kind !== 'private') return;
		await memory.recordShown({ platform: subscription.platform, userId: subscription.createdBy }, issue);
	};
}
