/**
 * The expected failures a reader can be answered with, each with a stable code and the values
 * its message is worded from. They live in the content leaf because a failure block carries its
 * code (`FailureBlock.code`) and everything that yields blocks may build one; the wording lives
 * in `src/i18n/failures.ts`.
 */

/**
 * Why the bot cannot post to a target, as the adapter found it; the core words it for the
 * reader. `missing-permissions` names them in the failure's `permissions`.
 */
export const cannotPostReasons = ['not-member', 'not-channel-admin', 'no-post-right', 'muted', 'not-text-channel', 'missing-permissions', 'dm-only'] as const;
export type CannotPostReason = (typeof cannotPostReasons)[number];

/** Permissions a platform may refuse the bot, by catalogue key (`permission-…`). */
export type PermissionName = 'view-channel' | 'send-messages' | 'send-messages-in-threads' | 'embed-links' | 'manage-threads';

/** Each failure's code and the values its message takes. */
export interface FailureParams {
	'unknown-command': { command: string; suggestion?: string };
	'not-a-command': Record<string, never>;
	'bad-argument': { usage: string; problem: string };
	'story-not-found': { number: number; issueTitle: string; first: number; last: number };
	'issue-not-found': { reference: string; latest?: string };
	'section-not-found': { name: string; sections: string[] };
	'no-issues': Record<string, never>;
	/** A command named a publication the bot does not have; `publications` are the slugs it has. */
	'publication-not-found': { name: string; publications: string[] };
	'no-results': { query: string };
	'no-sources': { number: number };
	'internal-error': Record<string, never>;
	'subscriptions-unavailable': Record<string, never>;
	/** A write to the store failed: nothing the command meant to keep was kept. */
	'not-saved': Record<string, never>;
	/** A read from the store failed: the answer cannot be given right now. */
	'store-unavailable': Record<string, never>;
	'not-admin': { where: string };
	'cannot-post': { where: string; reason: CannotPostReason; permissions?: readonly PermissionName[] };
	/** The reader uses the bot as an app installed to their account, where the bot is not a member: nothing can be posted there. */
	'server-install-needed': Record<string, never>;
	'target-not-found': { reference: string };
	'not-subscribed': { where: string };
	'bot-admins-only': Record<string, never>;
	'rate-limited': { seconds: number };
	'ask-no-match': { question: string };
	'too-many-questions': { perMinute: number; seconds: number };
	'still-answering': Record<string, never>;
	'ask-unavailable': Record<string, never>;
	'unsupported-language': { language: string };
	'bad-delivery-time': { time: string };
	'unknown-time-zone': { zone: string; suggestions: string[] };
}

export type FailureCode = keyof FailureParams;
