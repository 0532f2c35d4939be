import type { Block } from '../content/block.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { PlatformLimits } from './limits/rate-limits.js';

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
	/** Resolves with the messages posted (their ids let a corrected issue be edited in place), or nothing when the transport cannot say. */
	send(delivery: Delivery, content: readonly Block[]): Promise<SentPost | void>;
	/**
	 * Edits a post made earlier so it reads as `content` now, touching only the parts whose
	 * rendering changed. Throws a `DeliveryError` of kind `not-editable` when the post cannot be
	 * edited (a message deleted, a different number of parts, the platform refuses), so the
	 * step posts a short correction instead. Absent: the transport cannot edit at all.
	 */
	edit?(delivery: Delivery, posted: SentPost, content: readonly Block[]): Promise<EditedPost>;
}

/** One message of a post: the platform's id and a digest of what it rendered, to see later whether it changed. */
export interface PostedMessage {
	readonly id: string;
	readonly digest: string;
}

/** The messages of one post, in order, and the chat they went to (a Telegram post may follow a migrated group). */
export interface SentPost {
	readonly chatId: string;
	readonly messages: readonly PostedMessage[];
}

/** The post after an edit, and how many of its messages were edited (0: nothing had changed for this reader). */
export interface EditedPost {
	readonly post: SentPost;
	readonly edited: number;
}
