import { GrammyError, type Api, type InlineKeyboard } from 'grammy';
import type { InputRichMessageWithoutUpload } from 'grammy/types';
import { contentDigest } from '../../src/content/content-digest.js';
import type { PostPart, SentPost } from '../../src/delivery/delivery-transport.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './telegram-delivery-errors.js';
import type { TelegramText } from './telegram-text.js';

/** One text message of a broadcast post: its text with entities and, on the last part, the buttons. */
export interface TelegramTextPart {
	readonly kind: 'text';
	readonly text: TelegramText;
	readonly keyboard?: InlineKeyboard;
}

/**
 * One rich message of a broadcast post (Bot API 10.1); its buttons are blocks inside it. With it,
 * the older form of the post from this message on, for a server or a chat that refuses it
 * (rendered only when needed: a refusal is rare, and every broadcast would pay for it).
 */
export interface TelegramRichPart {
	readonly kind: 'rich';
	readonly message: InputRichMessageWithoutUpload;
	readonly olderForm: () => readonly PostPart<TelegramTextPart>[];
}

/** One message of a broadcast post, of either kind. */
export type TelegramPostPart = TelegramTextPart | TelegramRichPart;

/** What a part looked like when posted: text, entities and (on the last part) the buttons. */
export function telegramPartDigest(part: TelegramText, keyboard: InlineKeyboard | undefined): string {
	return contentDigest([part.text, part.entities, keyboard?.inline_keyboard ?? null]);
}

/** Marks a rich message's digest, so a correction knows the kind of the message it edits. */
const richDigestPrefix = 'rich:';

/**
 * What a rich message looked like when posted. The digest says the message is rich: a text
 * message's digest (kept as it always was, so posts made before rich messages still compare)
 * never starts so.
 */
export function telegramRichDigest(message: InputRichMessageWithoutUpload): string {
	return `${richDigestPrefix}${contentDigest(['rich', message])}`;
}

/** The kind of message each posted message is, as its digest recorded. */
export function postedKinds(posted: SentPost): { readonly rich: number; readonly text: number } {
	const rich = posted.messages.filter((message) => message.digest.startsWith(richDigestPrefix)).length;
	return { rich, text: posted.messages.length - rich };
}

/** Editing a message to what it already says is refused with 400 "message is not modified": the edit has nothing to do, which is success. */
const notModified = /message is not modified/i;

/**
 * Makes a posted message show `part`, in the kind the message was posted as (the transport
 * renders a correction in the post's own kind; the core decides which parts changed:
 * edit-changed-parts.ts). A rich message is edited with `rich_message`; a server that lost the
 * method since (404) cannot edit it, so the reader gets a correction post.
 * Any other 400 to an edit means this message cannot be edited ("message to edit not found"
 * after a deletion, "message can't be edited", a chat id that moved): the reader gets a
 * correction post instead. Classifying it like a post's 400 could end a subscription over a
 * message that no longer exists. https://core.telegram.org/bots/api#editmessagetext
 */
export async function replaceTelegramMessage(api: Api, chatId: string, messageId: string, part: TelegramPostPart): Promise<void> {
	const method = 'editMessageText';
	try {
		if (part.kind === 'rich') await api.editMessageText(chatId, Number(messageId), part.message);
		else {
			await api.editMessageText(chatId, Number(messageId), part.text.text, {
				entities: [...part.text.entities],
				link_preview_options: { is_disabled: true },
				...(part.keyboard ? { reply_markup: part.keyboard } : {}),
			});
		}
	} catch (error) {
		if (part.kind === 'rich' && error instanceof GrammyError && error.error_code === 404) throw new DeliveryError('not-editable', { platform: 'telegram', method, description: error.description });
		if (!(error instanceof GrammyError && error.error_code === 400)) throw toDeliveryError(error);
		if (!notModified.test(error.description)) throw new DeliveryError('not-editable', { platform: 'telegram', method, description: error.description });
	}
}
