import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError, type GoneReason } from '../../src/errors/delivery-error.js';

/** The route every post goes to, as logs and errors name it (ids left out on purpose). */
export const postRoute = 'POST /channels/:id/messages';

/**
 * Discord errors that mean the bot will never post to the channel again, with the reason the
 * subscription records and an explanation for the admin reading the logs.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const goneCodes: ReadonlyMap<number, { readonly reason: GoneReason; readonly why: string }> = new Map([
	[RESTJSONErrorCodes.UnknownChannel, { reason: 'chat-gone', why: 'Unknown Channel: the channel or thread was deleted' }],
	[RESTJSONErrorCodes.MissingAccess, { reason: 'access-lost', why: 'Missing Access: the bot was removed from the server or can no longer see the channel' }],
	[
		RESTJSONErrorCodes.MissingPermissions,
		{ reason: 'access-lost', why: 'Missing Permissions: the bot may no longer send messages or embed links in the channel; re-subscribe after restoring them' },
	],
	[RESTJSONErrorCodes.CannotSendMessagesToThisUser, { reason: 'reader-left', why: 'Cannot send messages to this user: they closed their DMs or share no server with the bot' }],
] as const);

/** Network failures worth retrying: the request may never have reached Discord. */
const networkCodes = /^(?:ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

/**
 * Turns whatever a post to Discord threw into a classified {@link DeliveryError}, so that the
 * delivery worker's one retry policy decides what happens next. Only codes, statuses and
 * Discord's own messages are kept: never the request URL or body (the REST client's errors
 * carry both), never the token.
 */
export function toDeliveryError(error: unknown): DeliveryError {
	if (error instanceof DeliveryError) return error;
	const base = { platform: 'discord', method: postRoute, cause: error } as const;
	if (error instanceof RateLimitError) {
		const scope = error.global ? 'global' : error.scope;
		return new DeliveryError('rate-limited', { ...base, retryAfterMs: Math.max(0, Math.ceil(error.retryAfter)), description: `rate limited (${scope}) for ${Math.ceil(error.retryAfter)} ms` });
	}
	if (error instanceof DiscordAPIError) {
		const description = `${error.status} ${typeof error.code === 'number' ? `code ${error.code}` : error.code}: ${error.message}`;
		const gone = typeof error.code === 'number' ? goneCodes.get(error.code) : undefined;
		if (gone) return new DeliveryError('gone', { ...base, goneReason: gone.reason, description: `${error.status} ${gone.why}` });
		if (error.status === 429) return new DeliveryError('rate-limited', { ...base, description, ...retryAfterOf(error.rawError) });
		if (error.status >= 500) return new DeliveryError('transient', { ...base, description });
		return new DeliveryError('permanent', { ...base, description });
	}
	if (error instanceof HTTPError) return new DeliveryError('transient', { ...base, description: `${error.status} ${error.message}` });
	if (isNetworkError(error)) return new DeliveryError('transient', { ...base, description: `network: ${error.name}${codeOf(error) ? ` ${codeOf(error)}` : ''}` });
	return new DeliveryError('permanent', { ...base, description: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' });
}

function retryAfterOf(body: unknown): { retryAfterMs?: number } {
	const seconds = typeof body === 'object' && body !== null && 'retry_after' in body ? Number(body.retry_after) : Number.NaN;
	return Number.isFinite(seconds) ? { retryAfterMs: Math.ceil(seconds * 1000) } : {};
}

/** Timeouts (the REST client aborts after its timeout), resets and refused connections, also when wrapped as `cause`. */
function isNetworkError(error: unknown): error is Error {
	for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
		if (current.name === 'AbortError' || current.name === 'TimeoutError' || current.name === 'ConnectTimeoutError' || current.name === 'SocketError') return true;
		const code = codeOf(current);
		if (code && networkCodes.test(code)) return true;
		if (current instanceof TypeError && current.message === 'fetch failed') return true;
	}
	return false;
}

function codeOf(error: Error): string | undefined {
	return 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
