import { Api, type InlineKeyboard } from 'grammy';
import type { Block } from '../../src/content/block.js';
import { sendContinuation } from '../../src/delivery/continuation-retry.js';
import type { Delivery, DeliveryTransport, PostedMessage } from '../../src/delivery/delivery-transport.js';
import type { PlatformLimits } from '../../src/delivery/limits/rate-limits.js';
import { buildKeyboard } from './callback-data.js';
import { migratedChatId, toDeliveryError } from './telegram-delivery-errors.js';
import { createTelegramHttpClient, type TelegramHttpClient } from './telegram-http-client.js';
import { renderReply, type RenderedReply } from './telegram-renderer.js';
import { editTelegramPost, telegramPartDigest } from './telegram-post-edit.js';

export interface TelegramDeliveryOptions {
	readonly token: string;
	readonly apiRoot?: string;
	/** Longest 429 a later part of a post waits out in place (see below). */
	readonly maxContinuationWaitMs?: number;
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
	/** The limits the worker paces this transport's posts to (see telegram-rate-limits.ts). */
	readonly limits?: PlatformLimits;
	/** The HTTP client posts go through; undici with a pool of {@link defaultDeliveryConnections} unless set. */
	readonly httpClient?: TelegramHttpClient;
}

/** Sockets to the Bot API when the caller does not size the pool: the default DELIVERY_CONCURRENCY. */
export const defaultDeliveryConnections = 8;

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
 *
 * A group upgraded to a supergroup answers 400 with `migrate_to_chat_id`
 * (https://core.telegram.org/bots/api#responseparameters). Normally the `migrate_to_chat_id`
 * service message has moved the subscription already; when the bot missed it (down for more
 * than the 24 hours Telegram keeps updates), the post follows the new id here instead of
 * ending a subscription that is still wanted.
 */
export function createTelegramDeliveryTransport(options: TelegramDeliveryOptions): DeliveryTransport {
	const httpClient = options.httpClient ?? createTelegramHttpClient({ connections: defaultDeliveryConnections });
	const api = new Api(options.token, { ...httpClient, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds: options.timeoutSeconds ?? 60 });
	const maxWait = options.maxContinuationWaitMs ?? 30_000;
	// The worker hands every subscriber of a format the same content array: render it once per
	// broadcast, not once per chat (rendering cost as much as the post in the fan-out benchmark).
	// The parts' digests (kept for corrections) with them: hashing every part again for every chat was 2 % of a post's CPU.
	const rendered = new WeakMap<readonly Block[], { parts: RenderedReply['parts']; keyboard: InlineKeyboard | undefined; digests: readonly string[] }>();
	const render = (content: readonly Block[]) => {
		let entry = rendered.get(content);
		if (!entry) {
			const reply = renderReply(content);
			const keyboard = buildKeyboard(reply.actionRows);
			entry = { parts: reply.parts, keyboard, digests: reply.parts.map((part, index) => telegramPartDigest(part, index === reply.parts.length - 1 ? keyboard : undefined)) };
			rendered.set(content, entry);
		}
		return entry;
	};
	return {
		...(options.limits ? { limits: options.limits } : {}),
		async send(delivery: Delivery, content: readonly Block[]) {
			const { parts, keyboard, digests } = render(content);
			const { threadId } = delivery.subscription;
			let chatId = delivery.subscription.chatId;
			let migrated = false;
			const posted: PostedMessage[] = [];
			for (const [index, part] of parts.entries()) {
				const last = index === parts.length - 1;
				const post = () =>
					api.sendMessage(chatId, part.text, {
						entities: [...part.entities],
						link_preview_options: { is_disabled: true },
						...(threadId ? { message_thread_id: Number(threadId) } : {}),
						...(last && keyboard ? { reply_markup: keyboard } : {}),
						...(options.paidBroadcast ? { allow_paid_broadcast: true } : {}),
					});
				const attempt = () => (index === 0 ? post() : sendContinuation(post, toDeliveryError, { attempts: continuationAttempts, backoffBaseMs: 250, maxWaitMs: maxWait }));
				try {
					if (index > 0) await delivery.pace();
					try {
						posted.push({ id: String((await attempt()).message_id), digest: digests[index]! });
					} catch (error) {
						const newId = migrated ? undefined : migratedChatId(error);
						if (newId === undefined) throw error;
						migrated = true;
						await options.onChatMigrated?.(chatId, String(newId));
						chatId = String(newId);
						posted.push({ id: String((await attempt()).message_id), digest: digests[index]! });
					}
				} catch (error) {
					throw toDeliveryError(error);
				}
			}
			return { chatId, messages: posted };
		},
		edit(delivery, posted, content) {
			const { parts, keyboard } = render(content);
			return editTelegramPost(api, delivery, posted, parts, keyboard);
		},
	};
}
