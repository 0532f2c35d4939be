import type { Logger } from 'pino';
import { DeliveryError } from '../errors/delivery-error.js';
import type { Delivery, PostFollowUp, SentPost } from './delivery-transport.js';
import type { RateReserver } from './rate-reserver.js';
import type { WaitingFollowUps } from './waiting-follow-ups.js';

/** What the follow-up step needs beyond the transport's follow-up. */
export interface FollowUpDeps {
	readonly limiter: RateReserver;
	/** Where a post waits for its follow-up; without it the follow-up is waited for in place. */
	readonly waiting?: WaitingFollowUps;
	readonly log?: Logger;
}

/**
 * Runs a post's follow-up (a crosspost of each of its messages), each request once its named limit allows. Over the limit, the post is
 * kept in `waiting` and the job is told how long to wait (a `paced` retry, never a retry loop):
 * its retry finds the post there and sends only the follow-up. Resolves with that wait in
 * milliseconds, 0 when the follow-up is done or not needed.
 *
 * A follow-up that fails for a while (a 429 Discord counted differently, a 5xx) keeps its post
 * too and is rethrown for the worker's policy; one that can never succeed (the channel is no
 * longer an announcement channel) is logged and dropped: the post itself is out, and failing
 * the job would count a delivered post as failed.
 */
export async function runFollowUp(followUp: PostFollowUp, delivery: Delivery, post: SentPost, deps: FollowUpDeps): Promise<number> {
	const { limiter, waiting, log } = deps;
	const pending = await followUp.pending(delivery, post);
	for (const [index, message] of pending.entries()) {
		// Kept when it must wait: the messages not yet followed up, so a retry starts where this one stopped.
		const rest: SentPost = { chatId: post.chatId, messages: pending.slice(index) };
		for (;;) {
			const reservation = await limiter.reserveNamed(delivery.subscription, followUp.limit);
			if (reservation.wait === 0) break;
			if (waiting) {
				await waiting.hold(delivery.jobId, rest);
				return reservation.wait;
			}
			await new Promise((resolve) => setTimeout(resolve, reservation.wait));
		}
		try {
			await followUp.send(delivery, post.chatId, message.id);
		} catch (error) {
			if (error instanceof DeliveryError && (error.kind === 'rate-limited' || error.kind === 'transient') && waiting) {
				await waiting.hold(delivery.jobId, rest);
				throw error;
			}
			log?.warn({ err: error, subscription: delivery.subscription.id, limit: followUp.limit }, 'post follow-up dropped: the post is out, its follow-up cannot be made');
			break;
		}
	}
	if (pending.length > 0) await waiting?.release(delivery.jobId);
	return 0;
}
