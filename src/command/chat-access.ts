import type { Translator } from '../i18n/translator.js';
import type { FailureBlock } from '../content/block.js';
import type { SubscriptionFilter } from '../subscriptions/subscription-store.js';
import type { Subscription, SubscriptionTarget } from '../subscriptions/subscription.js';

/** A place that can receive posts, found and checked by the adapter. */
export interface ResolvedTarget {
	readonly target: SubscriptionTarget;
	readonly kind: Subscription['kind'];
	readonly communityId?: string;
	/** How the answer names it: "this chat" ({@link currentChatLabel}), "#news", "@digest_channel". */
	readonly label: string;
}

/**
 * Why the bot cannot post to a target, as the adapter found it; the core words it for the
 * reader. `missing-permissions` names them in {@link CannotPost.permissions}.
 */
export const cannotPostReasons = ['not-member', 'not-channel-admin', 'no-post-right', 'muted', 'not-text-channel', 'missing-permissions', 'dm-only'] as const;
export type CannotPostReason = (typeof cannotPostReasons)[number];

/** Permissions a platform may refuse the bot, by catalogue key (`permission-…`). */
export type PermissionName = 'view-channel' | 'send-messages' | 'send-messages-in-threads' | 'embed-links';

export type TargetResolution = { readonly ok: true; readonly resolved: ResolvedTarget } | { readonly ok: false; readonly failure: FailureBlock };

/**
 * The questions about a chat that only its platform can answer: which chat a subscription
 * command means, whether this user may manage it (admins only, outside private chats) and,
 * when subscribing, whether the bot may post there. Adapters build one per invocation.
 */
export interface ChatAccess {
	/**
	 * @param reference What the user named ("@channel", a Discord channel id), or undefined for the chat they wrote in.
	 * @param purpose `subscribe` also checks that the bot can post to the target.
	 */
	resolveTarget(reference: string | undefined, purpose: 'subscribe' | 'manage'): Promise<TargetResolution>;
	/** Which subscriptions `/subscriptions` lists: this chat, or the whole community (a Discord server). */
	listScope(): SubscriptionFilter;
}

/**
 * The labels adapters give the chat a command was sent in ("this chat", "this group" …). The
 * core words them in the reader's language (catalogue keys `this-chat`, `this-group` …).
 */
export const currentChatLabels = ['this chat', 'this topic', 'this channel', 'this group', 'this DM', 'this conversation'] as const;

/** A target's label for a reader: "this group" in their language, names ("#news") as they are. */
export function chatLabel(label: string, t: Translator): string {
	return (currentChatLabels as readonly string[]).includes(label) ? t.text(label.replace(' ', '-').toLowerCase()) : label;
}
