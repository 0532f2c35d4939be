import { DeliveryError } from '../errors/delivery-error.js';
import type { Delivery, EditedPost, PostedMessage, SentPost } from './delivery-transport.js';

/** One part of a post as rendered now: its digest, and how the platform puts it in place of a posted message. */
export interface RenderedPart {
	readonly digest: string;
	/** Edits the message; throws a `DeliveryError` (`not-editable` when the message is gone). */
	replace(messageId: string): Promise<void>;
}

/**
 * Edits the messages of an earlier post whose rendering changed, in order, pacing each edit
 * after the first like a post's later parts; an unchanged part is never edited, so a retried
 * correction edits nothing twice. A post whose number of parts changed is not edited at all
 * (`not-editable`): parts would shift against their messages and new ones would land below
 * whatever the chat said since, so a short correction post reads better.
 */
export async function editChangedParts(delivery: Delivery, posted: SentPost, parts: readonly RenderedPart[], where: { readonly platform: string; readonly method: string }): Promise<EditedPost> {
	if (parts.length !== posted.messages.length) {
		throw new DeliveryError('not-editable', { ...where, description: `the post had ${posted.messages.length} messages and now has ${parts.length}` });
	}
	const messages: PostedMessage[] = [];
	let edited = 0;
	for (const [index, part] of parts.entries()) {
		const before = posted.messages[index]!;
		if (before.digest === part.digest) {
			messages.push(before);
			continue;
		}
		if (edited > 0) await delivery.pace();
		await part.replace(before.id);
		edited += 1;
		messages.push({ id: before.id, digest: part.digest });
	}
	return { post: { chatId: posted.chatId, messages }, edited };
}
