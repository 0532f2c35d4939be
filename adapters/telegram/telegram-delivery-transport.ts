import { Api, GrammyError } from 'grammy';
import type { ArchivedIssue } from '../../src/archive/archive.js';
import type { Delivery, DeliveryTransport, PostedMessage, PostPart, SentPart } from '../../src/delivery/delivery-transport.js';
import { retryPartInPlace } from '../../src/delivery/post-sequence.js';
import type { PlatformLimits } from '../../src/delivery/rate-reserver.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { RichSupport } from './rich/rich-support.js';
import { migratedChatId, toDeliveryError } from './telegram-delivery-errors.js';
import { createTelegramHttpClient, type TelegramHttpClient } from './telegram-http-client.js';
import { replaceTelegramMessage, type TelegramPostPart, type TelegramRichPart, type TelegramTextPart } from './telegram-post-edit.js';
import { createTelegramPostRenderer } from './telegram-post-render.js';
import { telegramRateLimits } from './telegram-rate-limits.js';

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
	/**
	 * Whether the server speaks rich messages: the process's one instance, shared with the
	 * replies, so a refusal met by either spares the other the failed round trip. Unless set,
	 * posts are text messages as before rich messages (the composition always sets it:
	 * createTelegramTransport).
	 */
	readonly richSupport?: RichSupport;
	/** The archived issue a post carries, for its rich footer (see telegram-post-render.ts). */
	readonly issueOf?: (issueId: string) => ArchivedIssue | undefined;
	/** The bot's username, for the rich footer's deep link. */
	readonly botUsername?: string;
	/** Told when a rich message was refused and its post goes the older way: by the server (it lacks the method) or by one chat. */
	readonly onRichRefused?: (refusal: RichRefusal) => void;
}

/** A refused rich message, for the logs. */
export interface RichRefusal {
	readonly chatId: string;
	/** True: the server lacks rich messages (every later post is text); false: this chat refused this post. */
	readonly serverLacksRich: boolean;
	/** Telegram's description. */
	readonly description: string;
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
 *
 * While the server speaks rich messages (Bot API 10.1), each post is rich messages
 * (`sendRichMessage`; the reference issue in `full` is one). A refused rich message never loses
 * or doubles the post: on "method not found" (404) the shared {@link RichSupport} remembers that
 * the server lacks them, and on a 400 of the chat's own (not a gone or moved chat) only this
 * post is affected; either way the post from that message on goes as text messages with
 * entities, the messages already sent stay, and the core records what was really posted
 * (`SentPart.sentAs`). So the first message refused: the whole post the old way, as before rich
 * messages; part 2 of 3 refused: part 1 stays rich, the rest follows as text, nothing twice.
 * 403, 429 and 5xx to a rich message mean what they mean to a text one.
 */
export function createTelegramDeliveryTransport(options: TelegramDeliveryOptions): DeliveryTransport<TelegramPostPart> {
	const httpClient = options.httpClient ?? createTelegramHttpClient({ connections: defaultDeliveryConnections });
	const api = new Api(options.token, { ...httpClient, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), timeoutSeconds: options.timeoutSeconds ?? 60 });
	const richSupport = options.richSupport ?? new RichSupport(false);
	const render = createTelegramPostRenderer({ richSupport, issueOf: options.issueOf, botUsername: options.botUsername });
	const where = (delivery: Delivery) => {
		const { threadId } = delivery.subscription;
		return { ...(threadId ? { message_thread_id: Number(threadId) } : {}), ...(options.paidBroadcast ? { allow_paid_broadcast: true } : {}) };
	};
	/** Sends to `chatId`, or to the supergroup it became (see above), in Telegram's own errors. */
	const followingMigration = async (chatId: string, post: (to: string) => Promise<number>): Promise<SentPart> => {
		try {
			return { id: String(await post(chatId)) };
		} catch (error) {
			const newId = migratedChatId(error);
			if (newId === undefined) throw error;
			await options.onChatMigrated?.(chatId, String(newId));
			return { id: String(await post(String(newId))), movedTo: String(newId) };
		}
	};
	const sendText = async (delivery: Delivery, chatId: string, part: TelegramTextPart): Promise<SentPart> => {
		const post = async (to: string) =>
			(
				await api.sendMessage(to, part.text.text, {
					entities: [...part.text.entities],
					link_preview_options: { is_disabled: true },
					...where(delivery),
					...(part.keyboard ? { reply_markup: part.keyboard } : {}),
				})
			).message_id;
		try {
			return await followingMigration(chatId, post);
		} catch (error) {
			throw toDeliveryError(error);
		}
	};
	/**
	 * The post from a refused rich message on, the older way: several text messages, the first in
	 * the slot the refused one had, each later one paced and retried in place like a post's later
	 * parts, so none goes twice.
	 */
	const sendOlderForm = async (delivery: Delivery, chatId: string, parts: readonly PostPart<TelegramTextPart>[]): Promise<SentPart> => {
		let to = chatId;
		let movedTo: string | undefined;
		const messages: PostedMessage[] = [];
		for (const [index, part] of parts.entries()) {
			const send = () => sendText(delivery, to, part.payload);
			let sent: SentPart;
			if (index === 0) sent = await send();
			else {
				await delivery.pace();
				sent = await retryPartInPlace(send);
			}
			if (sent.movedTo !== undefined) to = movedTo = sent.movedTo;
			messages.push({ id: sent.id, digest: part.digest });
		}
		const first = messages[0];
		if (!first) throw new DeliveryError('permanent', { platform: 'telegram', description: 'the post has nothing to send as text' });
		return { id: first.id, ...(movedTo !== undefined ? { movedTo } : {}), sentAs: { messages, coversRest: true } };
	};
	const sendRich = async (delivery: Delivery, chatId: string, part: TelegramRichPart): Promise<SentPart> => {
		if (richSupport.enabled) {
			try {
				const sent = await followingMigration(chatId, async (to) => (await api.sendRichMessage(to, part.message, where(delivery))).message_id);
				richSupport.noteAccepted();
				return sent;
			} catch (error) {
				const serverLacksRich = richSupport.noteRefusal(error);
				if (!serverLacksRich && !refusedByChat(error)) throw toDeliveryError(error);
				options.onRichRefused?.({ chatId, serverLacksRich, description: error instanceof GrammyError ? error.description : '' });
			}
		}
		return sendOlderForm(delivery, chatId, part.olderForm());
	};
	return {
		limits: options.limits ?? telegramRateLimits(),
		render,
		sendPart: (delivery, chatId, part) => (part.kind === 'rich' ? sendRich(delivery, chatId, part) : sendText(delivery, chatId, part)),
		replacePart: (_delivery, chatId, messageId, part) => replaceTelegramMessage(api, chatId, messageId, part),
	};
}

/**
 * A 400 to a rich message that is about this chat or this content, not about the chat being
 * gone (those keep their meaning: the text form would meet the same answer) nor moved (followed
 * above). The chat gets this post the older way; the next post tries rich again.
 */
function refusedByChat(error: unknown): boolean {
	return error instanceof GrammyError && error.error_code === 400 && migratedChatId(error) === undefined && toDeliveryError(error).kind !== 'gone';
}
