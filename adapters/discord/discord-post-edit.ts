import { createHash } from 'node:crypto';
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST, type RESTPatchAPIChannelMessageJSONBody } from 'discord.js';
import type { Delivery, EditedPost, PostedMessage, SentPost } from '../../src/delivery/delivery-transport.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './discord-delivery-errors.js';
import type { DiscordMessage } from './discord-renderer.js';

/** What a message looked like when posted, to tell later whether a correction changed it. */
export function discordMessageDigest(message: DiscordMessage): string {
	return createHash('sha256')
		.update(JSON.stringify([message.content, message.embeds, message.components]))
		.digest('hex')
		.slice(0, 16);
}

/**
 * Discord's answers to an edit that mean "this message cannot be edited": deleted (Unknown
 * Message) or not the bot's. https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const notEditableCodes: ReadonlySet<number> = new Set([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser]);

const editRoute = 'PATCH /channels/:id/messages/:id';

/** An edit sends the content even when empty: leaving it out would keep the old text beside the new embeds. */
function editBody(message: DiscordMessage): RESTPatchAPIChannelMessageJSONBody {
	return { content: message.content, embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
}

/**
 * Edits the messages of an earlier post whose rendering changed, pacing each edit after the
 * first. A post whose number of messages changed is not edited (`not-editable`), for the same
 * reason as on Telegram (telegram-post-edit.ts): a short correction post reads better than
 * messages shifted against the ones they replace.
 */
export async function editDiscordPost(rest: REST, delivery: Delivery, posted: SentPost, messages: readonly DiscordMessage[]): Promise<EditedPost> {
	if (messages.length !== posted.messages.length) {
		throw new DeliveryError('not-editable', { platform: 'discord', method: editRoute, description: `the post had ${posted.messages.length} messages and now has ${messages.length}` });
	}
	const result: PostedMessage[] = [];
	let edited = 0;
	for (const [index, message] of messages.entries()) {
		const digest = discordMessageDigest(message);
		const before = posted.messages[index];
		if (!before || before.digest === digest) {
			if (before) result.push(before);
			continue;
		}
		if (edited > 0) await delivery.pace();
		try {
			await rest.patch(Routes.channelMessage(posted.chatId, before.id), { body: editBody(message) });
		} catch (error) {
			if (error instanceof DiscordAPIError && typeof error.code === 'number' && notEditableCodes.has(error.code)) {
				throw new DeliveryError('not-editable', { platform: 'discord', method: editRoute, description: `${error.status} code ${error.code}: ${error.message}` });
			}
			throw toDeliveryError(error);
		}
		edited += 1;
		result.push({ id: before.id, digest });
	}
	return { post: { chatId: posted.chatId, messages: result }, edited };
}
