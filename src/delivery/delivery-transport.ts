import type { Block } from '../content/block.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { PlatformLimits } from './rate-limits.js';

/** One post to make, as the worker hands it to a transport. */
export interface Delivery {
	readonly jobId: string;
	readonly issueId: string;
	readonly subscription: Subscription;
	/** 1 on the first try. */
	readonly attempt: number;
	/**
	 * Waits until the chat and the platform allow one more message. The worker has reserved the
	 * first message already; a transport that splits a post into several messages calls this
	 * before each further one.
	 */
	pace(): Promise<void>;
}

/**
 * How the core posts to a platform: implemented by each adapter (Telegram: render the blocks to
 * entities and sendMessage with `message_thread_id` for topics; Discord: embeds in the channel).
 * `send` resolves when every message of the post was accepted and throws a `DeliveryError`
 * (src/errors/delivery-error.ts) classified by what the platform said; anything else thrown
 * counts as a permanent failure of this one job.
 */
export interface DeliveryTransport {
	/** The platform's ceilings for posts, which the worker paces to; the core knows no platform's numbers. */
	readonly limits?: PlatformLimits;
	send(delivery: Delivery, content: readonly Block[]): Promise<void>;
}
