import type { Block } from '../content/block.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { PlatformLimits } from './rate-reserver.js';

/** One post to make, as the worker hands it to a transport. */
export interface Delivery {
	readonly jobId: string;
	readonly issueId: string;
	readonly subscription: Subscription;
	/** 1 on the first try. */
	readonly attempt: number;
	/**
	 * Waits until the chat and the platform allow one more message. The worker has reserved the
	 * first message already; the post sequence (post-sequence.ts) calls this before each further one.
	 */
	pace(): Promise<void>;
}

/**
 * One part of a post as the platform rendered it: one message's worth. The payload is the
 * platform's own (Telegram text with entities and buttons, Discord embeds and components, a
 * rich message or a Components V2 card later); the core never looks inside it.
 */
export interface PostPart<Payload> {
	/** A digest of what the part shows, kept with its message to tell later whether a correction changed it. */
	readonly digest: string;
	readonly payload: Payload;
}

/** What a platform said to one part it accepted. */
export interface SentPart {
	/** The platform's message id. */
	readonly id: string;
	/**
	 * Set when the message went to another chat than the one asked, because the chat moved (a
	 * Telegram group that became a supergroup): the post's later parts follow it.
	 */
	readonly movedTo?: string;
	/**
	 * Set when the platform refused the part in its form and the transport sent it the older way
	 * instead (a Telegram rich message as text messages with entities): the messages it became,
	 * each with the digest of what it shows, kept in place of the part's own. `coversRest`: the
	 * older form carried the rest of the post too, so the later parts are not sent.
	 */
	readonly sentAs?: { readonly messages: readonly PostedMessage[]; readonly coversRest: boolean };
}

/**
 * How the core posts to a platform, implemented by each adapter: it renders and sends one part;
 * the core sequences the parts (post-sequence.ts, edit-changed-parts.ts), paces them, retries
 * them and keeps their ids. Every failure is thrown as a `DeliveryError`
 * (src/errors/delivery-error.ts) classified by what the platform said; anything else thrown
 * counts as a permanent failure of this one job.
 */
export interface DeliveryTransport<Payload = unknown> {
	/** The platform's ceilings for posts, declared from the adapter's own settings; the worker paces to them. */
	readonly limits?: PlatformLimits;
	/**
	 * The content as the parts of one post, in order. Every subscriber of a format gets the same
	 * content array, so a transport may cache its rendering by identity.
	 *
	 * `posted`: the post a correction will edit with these parts. A platform whose messages come
	 * in kinds that cannot change once sent (a Discord Components V2 message never loses its flag,
	 * an embed message never gains it; a Telegram rich message is edited as rich, a text one as
	 * text) renders in the kind of those messages, which their part digests say, so a post made
	 * before a change of settings is corrected as what it is.
	 */
	render(delivery: Delivery, content: readonly Block[], posted?: SentPost): readonly PostPart<Payload>[];
	/** Sends one part to `chatId`. `continuation`: an earlier part of this post is out already, so it must not be sent twice. */
	sendPart(delivery: Delivery, chatId: string, payload: Payload, continuation: boolean): Promise<SentPart>;
	/**
	 * Makes a message posted earlier show this part instead. Throws a `DeliveryError` of kind
	 * `not-editable` when the message cannot be edited (deleted, refused), so the step posts a
	 * short correction instead; "nothing changed" is success. Absent: the platform cannot edit.
	 */
	replacePart?(delivery: Delivery, chatId: string, messageId: string, payload: Payload): Promise<void>;
	/** A step some posts need once they are out, paced by a limit of its own (Discord's crosspost). */
	readonly followUp?: PostFollowUp;
}

/**
 * A request made once a post is out, on a limit of its own: Discord's crosspost of an
 * announcement channel's post to the servers following it (10 per channel per hour). It is the
 * second step of the post's own job, not a job of its own: the job keeps its post while the
 * follow-up waits for its window (waiting-follow-ups.ts), and its retry sends only the
 * follow-up, so a post is never sent twice because its follow-up waited, and never left
 * without it.
 */
export interface PostFollowUp {
	/** The name of the limit each request is paced by, among the transport's `limits.named`. */
	readonly limit: string;
	/** The messages of this post that need it, in order; none for a post that needs none (only an announcement channel's do). */
	pending(delivery: Delivery, post: SentPost): Promise<readonly PostedMessage[]>;
	/** Makes the request for one message. Throws a `DeliveryError`; "done already" is success, which the transport swallows. */
	send(delivery: Delivery, chatId: string, messageId: string): Promise<void>;
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
