import type { FailureBlock } from '../content/block.js';
import type { SubscriptionFilter } from '../subscriptions/subscription-store.js';
import type { Subscription, SubscriptionTarget } from '../subscriptions/subscription.js';

/** A place that can receive posts, found and checked by the adapter. */
export interface ResolvedTarget {
	readonly target: SubscriptionTarget;
	readonly kind: Subscription['kind'];
	readonly communityId?: string;
	/** How the answer names it: "this chat" (`src/i18n/chat-labels.ts`), "#news", "@digest_channel". */
	readonly label: string;
}


export type TargetResolution = { readonly ok: true; readonly resolved: ResolvedTarget } | { readonly ok: false; readonly failure: FailureBlock };

/**
 * The questions about a chat that only its platform can answer: which chat a subscription
 * command means, whether this user may manage it (admins only, outside private chats) and,
 * when subscribing, whether the bot may post there. Adapters build one per invocation.
 */
export interface ChatAccess {
	/**
	 * Whether the text names a chat the way this platform writes one (Telegram: "@name" or a
	 * chat id; Discord: "<#id>", "#name" or an id). The dispatcher refuses any other value of a
	 * `channel` option as a bad argument, before the command runs.
	 */
	isChatReference(text: string): boolean;
	/**
	 * @param reference What the user named ("@channel", a Discord channel id), or undefined for the chat they wrote in.
	 * @param purpose `subscribe` also checks that the bot can post to the target; `section-tags`
	 *   that it can post there and label its posts by section (a Discord forum's tags).
	 */
	resolveTarget(reference: string | undefined, purpose: 'subscribe' | 'manage' | 'section-tags'): Promise<TargetResolution>;
	/** Which subscriptions `/subscriptions` lists: this chat, or the whole community (a Discord server). */
	listScope(): SubscriptionFilter;
}
