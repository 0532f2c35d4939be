import type { Block } from '../content/block.js';
import { DeliveryError } from '../errors/delivery-error.js';
import type { Delivery, DeliveryTransport, EditedPost, PostedMessage, SentPost } from './delivery-transport.js';

/**
 * Edits the messages of an earlier post whose rendering changed, in order, pacing each edit
 * after the first like a post's later parts; an unchanged part is never edited, so a retried
 * correction edits nothing twice. A post whose number of parts changed is not edited at all
 * (`not-editable`): parts would shift against their messages and new ones would land below
 * whatever the chat said since, so a short correction post reads better. So is a post on a
 * platform whose transport cannot edit.
 */
export async function editChangedParts(transport: DeliveryTransport, delivery: Delivery, posted: SentPost, content: readonly Block[]): Promise<EditedPost> {
	const where = { platform: delivery.subscription.platform, method: 'edit' };
	if (!transport.replacePart) throw new DeliveryError('not-editable', { ...where, description: 'this platform cannot edit a post' });
	const parts = transport.render(delivery, content, posted);
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
		await transport.replacePart(delivery, posted.chatId, before.id, part.payload);
		edited += 1;
		messages.push({ id: before.id, digest: part.digest });
	}
	return { post: { chatId: posted.chatId, messages }, edited };
}
