import { GrammyError, HttpError } from 'grammy';
import { DeliveryError, type GoneReason } from '../../src/errors/delivery-error.js';

/**
 * Classifies a failed broadcast post by what Telegram said, for the delivery worker's one retry
 * policy. Descriptions are Telegram's own ("Forbidden: bot was blocked by the user"); the
 * request URL, which holds the token, never reaches the error.
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
	return new DeliveryError('permanent', { platform: 'telegram', description: error instanceof Error ? error.message.replace(/\d{5,}:[\w-]{20,}/g, '[redacted]') : 'unknown error' });
}

function goneReason(code: number, description: string): GoneReason | undefined {
	const text = description.toLowerCase();
	if (code === 403) {
		if (text.includes('blocked')) return 'blocked';
		if (text.includes('deactivated')) return 'deactivated';
		return 'kicked';
	}
	if (code === 400 && (text.includes('chat not found') || text.includes('group chat was upgraded') || text.includes('channel_private'))) return 'chat-not-found';
	return undefined;
}
