import { readSubscriptionId } from '../../subscriptions/subscription.js';

/** One issue waiting in a chat's slot, and the subscription of that chat it was planned for. */
export interface SlotEntry {
	readonly issueId: string;
	readonly subscriptionId: string;
}

/**
 * Slots are per chat target (`platform:chat[:thread]`, see `readSubscriptionId`), not per
 * subscription, so a chat that follows two publications at the same hour gets one post.
 */
export function slotTargetOf(subscriptionId: string): string {
	return readSubscriptionId(subscriptionId).target;
}

/**
 * How an entry is stored in its slot. An entry of the target's own subscription (the default
 * publication's, which every subscription made before publications is) is the bare issue id,
 * exactly what slots held when they were keyed by subscription: a slot written by the previous
 * version under the same key reads as that subscription's, and with one publication the stored
 * data is unchanged. An entry of another subscription of the chat (`~slug`, `~*`) is the JSON
 * pair `["issue","subscription"]`; no issue id starts with `["` (ids are dates or slugs).
 */
export function encodeSlotEntry(entry: SlotEntry): string {
	return entry.subscriptionId === slotTargetOf(entry.subscriptionId) ? entry.issueId : JSON.stringify([entry.issueId, entry.subscriptionId]);
}

/** A stored member of the slot of `target` read back; a bare id is the target's own subscription's. */
export function decodeSlotEntry(member: string, target: string): SlotEntry {
	if (member.startsWith('["')) {
		try {
			const pair: unknown = JSON.parse(member);
			if (Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string') return { issueId: pair[0], subscriptionId: pair[1] };
		} catch {
			// Not a pair after all: read as an issue id below.
		}
	}
	return { issueId: member, subscriptionId: target };
}
