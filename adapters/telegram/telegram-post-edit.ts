import { GrammyError, type Api, type InlineKeyboard } from 'grammy';
import { contentDigest } from '../../src/content/content-digest.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './telegram-delivery-errors.js';
import type { TelegramText } from './telegram-text.js';

/** One message of a broadcast post: its text with entities and, on the last part, the buttons. */
export interface TelegramPostPart {
	readonly text: TelegramText;
	readonly keyboard?: InlineKeyboard;
}

/** What a part looked like when posted: text, entities and (on the last part) the buttons. */
export function telegramPartDigest(part: TelegramText, keyboard: InlineKeyboard | undefined): string {
	return contentDigest([part.text, part.entities, keyboard?.inline_keyboard ?? null]);
}

/** Editing a message to what it already says is refused with 400 "message is not modified": the edit has nothing to do, which is success. */
const notModified = /message is not modified/i;

/**
 * Makes a posted message show `part` (the core decides which parts changed: edit-changed-parts.ts).
 * Any other 400 to an edit means this message cannot be edited ("message to edit not found"
 * after a deletion, "message can't be edited", a chat id that moved): the reader gets a
 * correction post instead. Classifying it like a post's 400 could end a subscription over a
 * message that no longer exists. https://core.telegram.org/bots/api#editmessagetext
 */
export async function replaceTelegramMessage(api: Api, chatId: string, messageId: string, part: TelegramPostPart): Promise<void> {
	try {
		await api.editMessageText(chatId, Number(messageId), part.text.text, {
			entities: [...part.text.entities],
			link_preview_options: { is_disabled: true },
			...(part.keyboard ? { reply_markup: part.keyboard } : {}),
		});
	} catch (error) {
		if (!(error instanceof GrammyError && error.error_code === 400)) throw toDeliveryError(error);
		if (!notModified.test(error.description)) throw new DeliveryError('not-editable', { platform: 'telegram', method: 'editMessageText', description: error.description });
	}
}
