import type { Subscription } from '../subscriptions/subscription.js';

/** "At most `limit` messages in any `windowMs`". */
export interface LimitRule {
	readonly limit: number;
	readonly windowMs: number;
}

/** A limit of each chat, for the chat kinds it applies to (every kind when absent). */
export interface ChatLimitRule extends LimitRule {
	readonly kinds?: readonly Subscription['kind'][];
}

/**
 * The ceilings of one platform, as its transport declares them from its own settings (the core
 * knows no platform's numbers): one for the bot as a whole, any number per chat.
 */
export interface PlatformLimits {
	readonly overall: LimitRule;
	readonly perChat: readonly ChatLimitRule[];
	/**
	 * Limits of one kind of request other than a message, per chat, by the name the transport
	 * gives them (Discord's 10 crossposts per channel per hour: `crosspost`). The transport's
	 * follow-up step (delivery-transport.ts, `PostFollowUp`) names the one it is paced by.
	 */
	readonly named?: Readonly<Record<string, LimitRule>>;
}

/** The limits of each platform that has a transport; a platform without any is not paced. */
export type LimitsByPlatform = Partial<Record<Subscription['platform'], PlatformLimits>>;

/** `wait` 0 means the message may go now and was counted; otherwise nothing was counted. */
export interface Reservation {
	readonly wait: number;
	/** `chat`: only this chat is limited, so the worker defers the job and serves others meanwhile. */
	readonly scope: 'none' | 'platform' | 'chat';
}

/** The chat a message is counted against. */
export type RateTarget = Pick<Subscription, 'platform' | 'chatId' | 'kind'>;

/**
 * Counts a message against its platform and its chat, the one limiter role of delivery. In one
 * process it is the in-memory paced limiter (limits/paced-rate-limiter.ts), which answers at
 * once; across processes a Redis-backed one (limits/redis-rate-limiter.ts), which is why it may
 * answer later. Non-blocking: a caller learns how long to wait instead of being parked, which
 * lets one slow chat wait without holding a worker slot the other chats need.
 */
export interface RateReserver {
	reserve(target: RateTarget): Reservation | Promise<Reservation>;
	/**
	 * The chat's last message was just accepted: count its spacing from now. A reservation is
	 * made before the request; when the request then waited long in a busy process, the next
	 * part of a post could reach the chat sooner than its limit allows.
	 */
	restartChatSpacing?(target: RateTarget): Promise<void>;
	/**
	 * Counts one request against the chat's limit of this name (`PlatformLimits.named`), or says
	 * how long until one conforms (scope `chat`; nothing counted). A name the platform did not
	 * declare is not limited.
	 */
	reserveNamed(target: RateTarget, name: string): Reservation | Promise<Reservation>;
}

/** The chat rules that apply to a chat of this kind. */
export function chatRulesFor(limits: PlatformLimits | undefined, kind: Subscription['kind']): ChatLimitRule[] {
	return (limits?.perChat ?? []).filter((rule) => !rule.kinds || rule.kinds.includes(kind));
}
