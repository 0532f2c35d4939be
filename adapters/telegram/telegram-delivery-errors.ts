import { GrammyError, HttpError } from 'grammy';
import { DeliveryError, type GoneReason } from '../../src/errors/delivery-error.js';
import { scrubTelegramSecrets } from './telegram-errors.js';

/**
 * Classifies a failed broadcast post by what Telegram said, for the delivery worker's one retry
 * policy. Descriptions are Telegram's own ("Forbidden: bot was blocked by the user"); the
 * request URL, which holds the token, never reaches the error, and neither does grammY's
 * error as a `cause` (an `HttpError` wraps the fetch error, whose message may quote the URL).
 * https://core.telegram.org/bots/api#making-requests
 */
export function toDeliveryError(error: unknown): DeliveryError {
	if (error instanceof DeliveryError) return error;
	if (error instanceof GrammyError) {
		const context = { platform: 'telegram', method: error.method, description: error.description };
		if (error.error_code === 429) return new DeliveryError('rate-limited', { ...context, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 });
		if (error.error_code >= 500) return new DeliveryError('transient', context);
		const gone = goneReason(error.error_code, error.description);
		if (gone) return new DeliveryError('gone', { ...context, goneReason: gone });
		return new DeliveryError('permanent', context);
	}
	if (error instanceof HttpError) return new DeliveryError('transient', { platform: 'telegram', description: 'network error reaching the Bot API' });
	return new DeliveryError('permanent', { platform: 'telegram', description: error instanceof Error ? scrubTelegramSecrets(error.message) : 'unknown error' });
}

/** The new id of a group that became a supergroup, when Telegram refused a post for that reason. */
export function migratedChatId(error: unknown): number | undefined {
	return error instanceof GrammyError && error.error_code === 400 ? error.parameters.migrate_to_chat_id : undefined;
}

/**
 * Only what can never succeed again ends a subscription. A 403 for anything else ("not enough
 * rights to send text messages", a bot muted in a group) is `permanent`: this post fails and is
 * reported, and the subscription stays for when an admin restores the bot's rights.
 */
const goneDescriptions: readonly (readonly [code: number, pattern: RegExp, reason: GoneReason])[] = [
	[403, /bot was blocked by the user/i, 'reader-left'],
	[403, /bot was kicked|bot is not a member/i, 'access-lost'],
	[403, /user is deactivated/i, 'reader-left'],
	[400, /chat not found|channel_private|peer_id_invalid/i, 'chat-gone'],
	// The forum topic the subscription targets was deleted.
	[400, /message thread not found/i, 'chat-gone'],
];

function goneReason(code: number, description: string): GoneReason | undefined {
	return goneDescriptions.find(([candidate, pattern]) => candidate === code && pattern.test(description))?.[2];
}
