import { createHash } from 'node:crypto';
import { GrammyError, type Api, type InlineKeyboard } from 'grammy';
import type { Delivery, EditedPost, PostedMessage, SentPost } from '../../src/delivery/delivery-transport.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './telegram-delivery-errors.js';
import type { TelegramText } from './telegram-text.js';

/** What a part looked like when posted: text, entities and (on the last part) the buttons. */
export function telegramPartDigest(part: TelegramText, keyboard: InlineKeyboard | undefined): string {
	return createHash('sha256')
		.update(JSON.stringify([part.text, part.entities, keyboard?.inline_keyboard ?? null]))
		.digest('hex')
		.slice(0, 16);
}

/**
 * Any other 400 to an edit means this message cannot be edited ("message to edit not found"
 * after a deletion, "message can't be edited", a chat id that moved): the reader gets a
 * correction post instead. Classifying it like a post's 400 could end a subscription over a
 * message that no longer exists. https://core.telegram.org/bots/api#editmessagetext
 */
/** Editing a message to what it already says is refused with 400 "message is not modified": the edit has nothing to do, which is success. */
const notModified = /message is not modified/i;

/**
 * Edits the parts of an earlier post whose rendering changed, in order, pacing each edit after
 * the first like a post's later parts. A post whose number of parts changed is not edited at
 * all (`not-editable`): parts would shift against their messages and new ones would land below
 * whatever the chat said since, so a short correction post reads better.
 */
export async function editTelegramPost(api: Api, delivery: Delivery, posted: SentPost, parts: readonly TelegramText[], keyboard: InlineKeyboard | undefined): Promise<EditedPost> {
	if (parts.length !== posted.messages.length) {
		throw new DeliveryError('not-editable', { platform: 'telegram', method: 'editMessageText', description: `the post had ${posted.messages.length} parts and now has ${parts.length}` });
	}
	const messages: PostedMessage[] = [];
	let edited = 0;
	for (const [index, part] of parts.entries()) {
		const last = index === parts.length - 1;
		const digest = telegramPartDigest(part, last ? keyboard : undefined);
		const before = posted.messages[index];
		if (!before || before.digest === digest) {
			if (before) messages.push(before);
			continue;
		}
		if (edited > 0) await delivery.pace();
		try {
			await api.editMessageText(posted.chatId, Number(before.id), part.text, {
				entities: [...part.entities],
				link_preview_options: { is_disabled: true },
				...(last && keyboard ? { reply_markup: keyboard } : {}),
			});
		} catch (error) {
			if (!(error instanceof GrammyError && error.error_code === 400)) throw toDeliveryError(error);
			if (!notModified.test(error.description)) throw new DeliveryError('not-editable', { platform: 'telegram', method: 'editMessageText', description: error.description });
		}
		edited += 1;
		messages.push({ id: before.id, digest });
	}
	return { post: { chatId: posted.chatId, messages }, edited };
}
