import { createHash } from 'node:crypto';
import type { DeliverAt } from '../subscriptions/subscription.js';
import { nextWallClockTime } from './wall-clock.js';

/**
 * Seconds into the chosen minute a subscription's posts are due: a stable hash of its id, so
 * thousands of subscribers who all chose 08:00 are spread over 08:00:00–08:00:59 instead of
 * being due in one instant (the rate limiter still paces within that spread). Stable, so every
 * issue waiting for the same morning is due at the same instant and they go out as one post.
 */
export function spreadOffsetMs(subscriptionId: string): number {
	return (createHash('sha1').update(subscriptionId).digest().readUInt32BE(0) % 60) * 1000;
}

/**
 * When an issue published at `publishedAt` is due for a subscription that chose a time of day:
 * the next such wall-clock time in its zone, plus its spread offset. The offset is taken off
 * before looking for the next time, so an issue published at 08:00:10 for a subscription due at
 * 08:00:17 still goes out that morning.
 */
export function deliverySlot(deliverAt: DeliverAt, subscriptionId: string, publishedAt: number): number {
	const offset = spreadOffsetMs(subscriptionId);
	return nextWallClockTime(deliverAt.time, deliverAt.zone, publishedAt - offset) + offset;
}
