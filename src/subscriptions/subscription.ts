import { z } from 'zod';
import { goneReasons } from '../errors/delivery-error.js';
import { readLegacySubscription } from './legacy-subscription.js';

/** What a subscriber receives: see src/present/issue-content.ts for each format's blocks. */
export const subscriptionFormats = ['headlines', 'top', 'full'] as const;
export type SubscriptionFormat = (typeof subscriptionFormats)[number];

/**
 * Why a subscription stopped: `unsubscribed` and `migrated` come from people and Telegram's group
 * upgrade; the rest are a {@link GoneReason}, from a failed delivery or the platform's own news.
 */
export const endReasons = ['unsubscribed', 'migrated', ...goneReasons] as const;
export type EndReason = (typeof endReasons)[number];

/**
 * Where posts go. `chatId` is a Telegram chat id or a Discord channel id (a thread is a channel
 * on Discord, so a thread subscription uses the thread's id as `chatId`); `threadId` is a
 * Telegram forum topic (`message_thread_id`).
 */
export const subscriptionTargetSchema = z.object({
	platform: z.enum(['telegram', 'discord']),
	chatId: z.string().min(1),
	threadId: z.string().min(1).optional(),
});
export type SubscriptionTarget = z.infer<typeof subscriptionTargetSchema>;

/**
 * A time of day to receive new issues at (`/settings at 08:00 Europe/Berlin`) instead of at once:
 * "HH:MM" on the wall clock of an IANA zone, so it follows the zone's daylight-saving changes.
 */
export const deliverAtSchema = z.object({
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
	zone: z.string().min(1),
});
export type DeliverAt = z.infer<typeof deliverAtSchema>;

const subscriptionRecordSchema = subscriptionTargetSchema.extend({
	/** Derived from the target (see {@link subscriptionIdOf}), which makes subscribing idempotent without compare-and-set. */
	id: z.string().min(1),
	/**
	 * `community-channel`: a channel inside a community of many channels, a Discord server today.
	 * Not "guild": the core names what the place is, the adapter knows what its platform calls it.
	 */
	kind: z.enum(['private', 'group', 'channel', 'community-channel']),
	/** The community of a community channel, so `/subscriptions` can list and leaving it can end them all. */
	communityId: z.string().optional(),
	format: z.enum(subscriptionFormats),
	/** Section titles (or parts of them, case-insensitive) to keep; absent or empty means all. */
	sections: z.array(z.string().min(1)).optional(),
	createdBy: z.string().min(1),
	createdAt: z.string(),
	status: z.enum(['active', 'ended']),
	endedAt: z.string().optional(),
	endReason: z.enum(endReasons).optional(),
	/** After a Telegram group became a supergroup: the subscription that replaced this one. */
	movedTo: z.string().optional(),
	/**
	 * The language posts are worded in: the chat's `/settings language`, else the subscriber's
	 * own. Kept here, beside what the worker already reads, so a post costs no second lookup.
	 */
	locale: z.string().optional(),
	/** Absent: each new issue is posted at once. */
	deliverAt: deliverAtSchema.optional(),
	/**
	 * `/settings tags on`: where posts are labelled by section (a Discord forum's tags), labels
	 * the place lacks may be created. Absent or false: only the place's existing labels are used,
	 * because its labels are its admins' choice unless they ask.
	 */
	sectionTags: z.boolean().optional(),
	/**
	 * The publication's slug, or `*` for all of them. Absent: the default publication (see
	 * `PublicationCatalogue.defaultSlug`), which is what every subscription made before
	 * publications is. Part of the id (see {@link subscriptionIdOf}), so one chat may follow several.
	 */
	publication: z.string().min(1).optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
/** A stored subscription; records with the old Discord names are read too (see {@link readLegacySubscription}). */
export const subscriptionSchema = z.preprocess(readLegacySubscription, subscriptionRecordSchema);

/** What a command passes to subscribe a chat. */
export interface NewSubscription extends SubscriptionTarget {
	readonly kind: Subscription['kind'];
	readonly communityId?: string;
	readonly format?: SubscriptionFormat;
	readonly sections?: readonly string[];
	/** The user id of the admin who subscribed (or the chat id for a channel post). */
	readonly createdBy: string;
	readonly locale?: string;
	/** A slug, `*` for all; absent for the default publication. */
	readonly publication?: string;
}

/** What a subscription id adds after its target for a publication other than the default one. */
const publicationMark = '~';

/**
 * One id per target. Deterministic on purpose: two concurrent `/subscribe` in the same chat
 * write the same key, so there is never a duplicate subscription to deliver twice.
 */
export function subscriptionIdOf(target: SubscriptionTarget, publication?: string): string {
	const id = [target.platform, target.chatId, ...(target.threadId ? [target.threadId] : [])].join(':');
	return publication ? `${id}${publicationMark}${publication}` : id;
}

/**
 * A subscription id read back: its target's part and its publication (undefined: the default).
 * The broadcast planner chooses who gets an issue from the ids alone, without reading a record
 * per subscriber; platform ids never contain the mark.
 */
export function readSubscriptionId(id: string): { readonly target: string; readonly publication?: string } {
	const at = id.indexOf(publicationMark);
	return at < 0 ? { target: id } : { target: id.slice(0, at), publication: id.slice(at + 1) };
}
