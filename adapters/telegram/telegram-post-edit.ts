import { GrammyError, type Api, type InlineKeyboard } from 'grammy';
import type { Delivery, EditedPost, SentPost } from '../../src/delivery/delivery-transport.js';
import { contentDigest } from '../../src/delivery/content-digest.js';
import { editChangedParts } from '../../src/delivery/edit-changed-parts.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './telegram-delivery-errors.js';
import type { TelegramText } from './telegram-text.js';

/** What a part looked like when posted: text, entities and (on the last part) the buttons. */
export function telegramPartDigest(part: TelegramText, keyboard: InlineKeyboard | undefined): string {
	return contentDigest([part.text, part.entities, keyboard?.inline_keyboard ?? null]);
}

/** Editing a message to what it already says is refused with 400 "message is not modified": the edit has nothing to do, which is success. */
const notModified = /message is not modified/i;

/**
 * Edits the parts of an earlier post whose rendering changed (see {@link editChangedParts}).
 * Any other 400 to an edit means this message cannot be edited ("message to edit not found"
 * after a deletion, "message can't be edited", a chat id that moved): the reader gets a
 * correction post instead. Classifying it like a post's 400 could end a subscription over a
 * message that no longer exists. https://core.telegram.org/bots/api#editmessagetext
 */
export function editTelegramPost(api: Api, delivery: Delivery, posted: SentPost, parts: readonly TelegramText[], keyboard: InlineKeyboard | undefined): Promise<EditedPost> {
	const rendered = parts.map((part, index) => {
		const markup = index === parts.length - 1 ? keyboard : undefined;
		return {
			digest: telegramPartDigest(part, markup),
			async replace(messageId: string) {
				try {
					await api.editMessageText(posted.chatId, Number(messageId), part.text, {
						entities: [...part.entities],
						link_preview_options: { is_disabled: true },
						...(markup ? { reply_markup: markup } : {}),
					});
				} catch (error) {
					if (!(error instanceof GrammyError && error.error_code === 400)) throw toDeliveryError(error);
					if (!notModified.test(error.description)) throw new DeliveryError('not-editable', { platform: 'telegram', method: 'editMessageText', description: error.description });
				}
			},
		};
	});
	return editChangedParts(delivery, posted, rendered, { platform: 'telegram', method: 'editMessageText' });
}
