import { Api } from 'grammy';
import type { Block } from '../../src/content/block.js';
import type { DeliveryTransport, PostPart } from '../../src/delivery/delivery-transport.js';
import type { PlatformLimits } from '../../src/delivery/rate-reserver.js';
import { buildKeyboard } from './callback-data.js';
import { migratedChatId, toDeliveryError } from './telegram-delivery-errors.js';
import { createTelegramHttpClient, type TelegramHttpClient } from './telegram-http-client.js';
import { replaceTelegramMessage, telegramPartDigest, type TelegramPostPart } from './telegram-post-edit.js';
import { telegramRateLimits } from './telegram-rate-limits.js';
import { renderReply } from './telegram-renderer.js';

export interface TelegramDeliveryOptions {
	readonly token: string;
	readonly apiRoot?: string;
	/**
	 * Told when a post finds that its group became a supergroup, so the subscription moves
	 * (`SubscriptionStore.migrate`). The post itself is re-sent to the new id either way.
	 */
	readonly onChatMigrated?: (fromChatId: string, toChatId: string) => Promise<unknown>;
	/** Longest wait for one Bot API answer; grammY's default (500 s) would hold a worker slot for minutes. */
	readonly timeoutSeconds?: number;
	/**
	 * Marks every post `allow_paid_broadcast` (TELEGRAM_PAID_BROADCAST): above 30 messages/s
	 * Telegram accepts broadcast posts only so, billed in Stars. Replies never carry it.
	 */
	readonly paidBroadcast?: boolean;
	/** The limits the worker paces this transport's posts to; Telegram's free ones unless set (see telegram-rate-limits.ts). */
	readonly limits?: PlatformLimits;
	/** The HTTP client posts go through; undici with a pool of {@link defaultDeliveryConnections} unless set. */
	readonly httpClient?: TelegramHttpClient;
}

/** Sockets to the Bot API when the caller does not size the pool: the default DELIVERY_CONCURRENCY. */
export const defaultDeliveryConnections = 8;

/**
 * Renders issues for Telegram subscribers and sends them one message at a time; the core's post
 * sequence (src/delivery/post-sequence.ts) paces the messages and retries a later one. It has
 * its own `Api` without the auto-retry the interactive replies use: the delivery worker owns
 * retries (and the rate limits), and a hidden retry loop here would hold a worker slot and hide
 * 429s from the limiter.
 *
 * A group upgraded to a supergroup answers 400 with `migrate_to_chat_id`
 * (https://core.telegram.org/bots/api#responseparameters). Normally the `migrate_to_chat_id`
 * service message has moved the subscription already; when the bot missed it (down for more
 * than the 24 hours Telegram keeps updates), the message follows the new id here instead of
 * ending a subscription that is still wanted, and the post's later parts follow it.
 */
export function createTelegramDeliveryTransport(options: TelegramDeliveryOptions): DeliveryTransport<TelegramPostPart> {
	const httpClient = options.httpClient ?? createTelegramHttpClient({ connections: defaultDeliveryConnections });
	const api = new Api(options.token, { ...httpClient, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds: options.timeoutSeconds ?? 60 });
	// The worker hands every subscriber of a format the same content array: render it once per
	// broadcast, not once per chat (rendering cost as much as the post in the fan-out benchmark).
	// The parts' digests (kept for corrections) with them: hashing every part again for every chat was 2 % of a post's CPU.
	const rendered = new WeakMap<readonly Block[], readonly PostPart<TelegramPostPart>[]>();
	const render = (content: readonly Block[]): readonly PostPart<TelegramPostPart>[] => {
		let parts = rendered.get(content);
		if (!parts) {
			const reply = renderReply(content);
			const keyboard = buildKeyboard(reply.actionRows);
			parts = reply.parts.map((text, index) => {
				const markup = index === reply.parts.length - 1 ? keyboard : undefined;
				return { digest: telegramPartDigest(text, markup), payload: { text, ...(markup ? { keyboard: markup } : {}) } };
			});
			rendered.set(content, parts);
		}
		return parts;
	};
	return {
		limits: options.limits ?? telegramRateLimits(),
		render: (_delivery, content) => render(content),
		async sendPart(delivery, chatId, part) {
			const { threadId } = delivery.subscription;
			const post = async (to: string) =>
				String(
					(
						await api.sendMessage(to, part.text.text, {
							entities: [...part.text.entities],
							link_preview_options: { is_disabled: true },
							...(threadId ? { message_thread_id: Number(threadId) } : {}),
							...(part.keyboard ? { reply_markup: part.keyboard } : {}),
							...(options.paidBroadcast ? { allow_paid_broadcast: true } : {}),
						})
					).message_id,
				);
			try {
				try {
					return { id: await post(chatId) };
				} catch (error) {
					const newId = migratedChatId(error);
					if (newId === undefined) throw error;
					await options.onChatMigrated?.(chatId, String(newId));
					return { id: await post(String(newId)), movedTo: String(newId) };
				}
			} catch (error) {
				throw toDeliveryError(error);
			}
		},
		replacePart: (_delivery, chatId, messageId, part) => replaceTelegramMessage(api, chatId, messageId, part),
	};
}
