import type { Logger } from 'pino';
import { deliverySlot } from '../schedule/delivery-slot.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import { readSubscriptionId } from '../subscriptions/subscription.js';

/**
 * When each subscriber in a broadcast's snapshot is due: only those that chose an hour
 * (`/settings at`) appear, at their next slot after `publishedAt`; the rest are due at once.
 * The spread within the minute is the chat target's, not the subscription's: a chat that follows
 * two publications at 08:00 has both due at the same instant, so its merge slot (keyed by target
 * and instant) makes them one post. A default-publication subscription's id is its target, so
 * its instant is unchanged.
 * A zone the runtime no longer knows (time-zone data changed under a stored choice) is logged
 * and falls back to at once rather than holding the issue back.
 */
export async function planDueTimes(subscriptions: Pick<SubscriptionStore, 'deliveryTimes'>, snapshot: readonly string[], publishedAt: number, log?: Logger): Promise<Map<string, number>> {
	const times = await subscriptions.deliveryTimes();
	const due = new Map<string, number>();
	if (times.size === 0) return due;
	for (const subscriptionId of snapshot) {
		const deliverAt = times.get(subscriptionId);
		if (!deliverAt) continue;
		try {
			due.set(subscriptionId, deliverySlot(deliverAt, readSubscriptionId(subscriptionId).target, publishedAt));
		} catch (error) {
			log?.warn({ err: error, subscription: subscriptionId, zone: deliverAt.zone }, 'delivery hour unusable: the issue is sent at once');
		}
	}
	return due;
}
