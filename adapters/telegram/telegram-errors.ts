import { GrammyError, HttpError } from 'grammy';
import { scrubSecrets } from '../../src/logger.js';

/** What may be logged about a failed API call: never the request URL, which contains the token. */
export interface TelegramErrorSummary {
	readonly kind: 'api' | 'network' | 'other';
	readonly method?: string;
	readonly code?: number;
	readonly description?: string;
	readonly name?: string;
	readonly message?: string;
	readonly stack?: string;
}

/**
 * Reduces an error to loggable fields. grammY's `HttpError` keeps the underlying fetch error,
 * whose message quotes the full URL (`…/bot<token>/sendMessage`), so that inner error is
 * never passed to the logger; `GrammyError` only carries the method and Telegram's answer.
 */
export function describeTelegramError(error: unknown, secrets: readonly string[] = []): TelegramErrorSummary {
	if (error instanceof GrammyError) return { kind: 'api', method: error.method, code: error.error_code, description: error.description };
	if (error instanceof HttpError) return { kind: 'network', message: scrubTelegramSecrets(error.message, secrets) };
	if (error instanceof Error) return { kind: 'other', name: error.name, message: scrubTelegramSecrets(error.message, secrets), ...(error.stack ? { stack: scrubTelegramSecrets(error.stack, secrets) } : {}) };
	return { kind: 'other', message: scrubTelegramSecrets(String(error), secrets) };
}

/** True when Telegram will never accept messages to this chat again (blocked, kicked, deleted). */
export function isForbidden(error: unknown): boolean {
	return error instanceof GrammyError && error.error_code === 403;
}

/**
 * Removes the given secrets from a text and, for good measure, anything shaped like a bot token
 * (e.g. inside a quoted URL) even if it was not passed in.
 */
export function scrubTelegramSecrets(text: string, secrets: readonly string[] = []): string {
	return scrubSecrets(text, secrets).replace(/\d{5,}:[\w-]{20,}/g, '[redacted]');
}
