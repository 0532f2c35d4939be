import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { migratedChatId, toDeliveryError } from '../../../adapters/telegram/telegram-delivery-errors.js';
import { fakeToken } from '../../fakes/telegram-bot-api.js';

const refused = (error_code: number, description: string, parameters = {}): GrammyError =>
	new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, 'sendMessage', { chat_id: 1 });

describe('when Telegram refuses a broadcast post', () => {
	it.each([
		[403, 'Forbidden: bot was blocked by the user', 'reader-left'],
		[403, 'Forbidden: bot was kicked from the supergroup chat', 'access-lost'],
		[403, 'Forbidden: bot is not a member of the channel chat', 'access-lost'],
		[403, 'Forbidden: user is deactivated', 'reader-left'],
		[400, 'Bad Request: chat not found', 'chat-gone'],
		[400, 'Bad Request: message thread not found', 'chat-gone'],
	])('then %i “%s” ends the subscription as %s', (code, description, reason) => {
		expect(toDeliveryError(refused(code, description))).toMatchObject({ kind: 'gone', goneReason: reason, description });
	});

	it.each([
		[403, 'Forbidden: not enough rights to send text messages to the chat'],
		[400, 'Bad Request: can\'t parse entities: unsupported start tag'],
		[400, 'Bad Request: message is too long'],
	])('then %i “%s” fails only this post and keeps the subscription', (code, description) => {
		expect(toDeliveryError(refused(code, description))).toMatchObject({ kind: 'permanent', goneReason: undefined });
	});

	it('then a 429 is rate-limited for retry_after seconds, and 5xx or a network failure is transient', () => {
		expect(toDeliveryError(refused(429, 'Too Many Requests: retry after 12', { retry_after: 12 }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 12_000 });
		expect(toDeliveryError(refused(502, 'Bad Gateway'))).toMatchObject({ kind: 'transient' });
		const network = toDeliveryError(new HttpError(`Network request for 'sendMessage' failed!`, new Error(`connect ECONNREFUSED https://api.telegram.org/bot${fakeToken}/sendMessage`)));
		expect(network).toMatchObject({ kind: 'transient' });
		expect(`${network.message} ${String(network.cause)}`).not.toContain(fakeToken);
	});

	it('then an unexpected error is permanent with any token in its message redacted', () => {
		const error = toDeliveryError(new Error(`boom at /bot${fakeToken}/sendMessage`));
		expect(error.kind).toBe('permanent');
		expect(error.message).not.toContain(fakeToken);
	});

	it('then “group chat was upgraded” yields the supergroup id to follow, and nothing else does', () => {
		expect(migratedChatId(refused(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -100777 }))).toBe(-100777);
		expect(migratedChatId(refused(400, 'Bad Request: chat not found'))).toBeUndefined();
		expect(migratedChatId(new Error('no'))).toBeUndefined();
	});
});
