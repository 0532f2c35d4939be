/**
 * How a failed send should be treated. The adapter that caught the platform error knows what it
 * means; the retry policy (src/delivery/retry-policy.ts) decides what to do about it.
 * - `rate-limited`: the platform said 429; wait `retryAfterMs` and send again.
 * - `transient`: 5xx or a network failure; back off and retry a few times.
 * - `gone`: the bot can never post there again (blocked, kicked, chat or channel deleted, missing
 *   access); the subscription ends.
 * - `permanent`: this message will never be accepted (bad request); give up on this job only.
 * - `not-editable`: an earlier post cannot be edited (deleted, changed shape, refused); the
 *   correction step posts a short correction instead. Outside a correction it fails the job.
 */
export type DeliveryFailureKind = 'rate-limited' | 'transient' | 'gone' | 'permanent' | 'not-editable';

/**
 * Why a target is gone, in words of what the bot can do about it rather than any platform's
 * (each adapter maps its own error codes onto these), recorded on the ended subscription:
 * - `reader-left`: the person blocked the bot, closed their DMs or deleted their account; only
 *   they can come back, by subscribing again.
 * - `chat-gone`: the chat, channel, thread or topic no longer exists; nothing to come back to.
 * - `access-lost`: the place exists but the bot was removed from it or lost the right to post;
 *   an admin can restore that and subscribe again.
 * The platform's own words stay in the error's `description`, for the logs.
 */
export const goneReasons = ['reader-left', 'chat-gone', 'access-lost'] as const;
export type GoneReason = (typeof goneReasons)[number];

export interface DeliveryErrorContext {
	readonly platform: string;
	/** The platform method or route that failed, e.g. `sendMessage` or `POST /channels/:id/messages`. */
	readonly method?: string;
	/** The platform's own description (e.g. "Forbidden: bot was blocked by the user"), never a token. */
	readonly description?: string;
	readonly retryAfterMs?: number;
	readonly goneReason?: GoneReason;
	readonly cause?: unknown;
}

/**
 * A send to a subscriber failed. Thrown by a `DeliveryTransport`; the message carries the
 * platform, method and description so logs explain the failure, and the transport must strip
 * tokens from anything it passes in (URLs of the Bot API contain the token).
 */
export class DeliveryError extends Error {
	public override readonly name = 'DeliveryError';
	public readonly platform: string;
	public readonly method: string | undefined;
	public readonly description: string | undefined;
	public readonly retryAfterMs: number | undefined;
	public readonly goneReason: GoneReason | undefined;

	public constructor(
		public readonly kind: DeliveryFailureKind,
		context: DeliveryErrorContext,
	) {
		const where = context.method ? `${context.platform} ${context.method}` : context.platform;
		super(`${where} failed (${kind})${context.description ? `: ${context.description}` : ''}`, context.cause === undefined ? undefined : { cause: context.cause });
		this.platform = context.platform;
		this.method = context.method;
		this.description = context.description;
		this.retryAfterMs = context.retryAfterMs;
		this.goneReason = context.goneReason;
	}
}
