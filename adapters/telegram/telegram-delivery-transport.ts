import { Api, GrammyError, HttpError } from 'grammy';
import type { Block } from '../../src/content/block.js';
import type { Delivery, DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import { buildKeyboard } from './callback-data.js';
import { toDeliveryError } from './telegram-delivery-errors.js';
import { renderReply } from './telegram-renderer.js';

export interface TelegramDeliveryOptions {
	readonly token: string;
	readonly apiRoot?: string;
	/** Longest 429 a later part of a post waits out in place (see below). */
	readonly maxContinuationWaitMs?: number;
}

/** Tries of a later part of a post on 5xx or network errors before the post fails. */
const continuationAttempts = 3;

/**
 * Posts issues to Telegram subscribers. It has its own `Api` without the auto-retry the
 * interactive replies use: the delivery worker owns retries (and the rate limits), and a
 * hidden retry loop here would hold a worker slot and hide 429s from the limiter.
 *
 * One exception: once the first part of a post is out, retrying the whole post would repeat
 * it, so a later part waits out a 429 (up to `maxContinuationWaitMs`) and retries 5xx in
 * place. A failure on the first part is thrown at once: nothing was posted yet.
 */
export function createTelegramDeliveryTransport(options: TelegramDeliveryOptions): DeliveryTransport {
	const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
	const maxWait = options.maxContinuationWaitMs ?? 30_000;
	return {
		async send(delivery: Delivery, content: readonly Block[]) {
			const { parts, actionRows } = renderReply(content);
			const keyboard = buildKeyboard(actionRows);
			const { chatId, threadId } = delivery.subscription;
			for (const [index, part] of parts.entries()) {
				const last = index === parts.length - 1;
				const post = () =>
					api.sendMessage(chatId, part.text, {
						entities: [...part.entities],
						link_preview_options: { is_disabled: true },
						...(threadId ? { message_thread_id: Number(threadId) } : {}),
						...(last && keyboard ? { reply_markup: keyboard } : {}),
					});
				try {
					if (index === 0) await post();
					else {
						await delivery.pace();
						await withContinuationRetries(post, maxWait);
					}
				} catch (error) {
					throw toDeliveryError(error);
				}
			}
		},
	};
}

async function withContinuationRetries<T>(call: () => Promise<T>, maxWaitMs: number): Promise<T> {
	for (let attempt = 1; ; attempt += 1) {
		try {
			return await call();
		} catch (error) {
			const retryAfterMs = error instanceof GrammyError && error.error_code === 429 ? (error.parameters.retry_after ?? 1) * 1000 : undefined;
			const transient = (error instanceof GrammyError && error.error_code >= 500) || error instanceof HttpError;
			if (retryAfterMs !== undefined && retryAfterMs <= maxWaitMs) await sleep(retryAfterMs);
			else if (transient && attempt < continuationAttempts) await sleep(250 * attempt);
			else throw error;
		}
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
