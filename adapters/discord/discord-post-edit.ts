import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST, type RESTPatchAPIChannelMessageJSONBody } from 'discord.js';
import { contentDigest } from '../../src/content/content-digest.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './discord-delivery-errors.js';
import type { DiscordMessage } from './discord-renderer.js';

/** Digests by rendered message: a broadcast posts the same rendered messages to every channel. */
const digests = new WeakMap<DiscordMessage, string>();

/** What a message looked like when posted, to tell later whether a correction changed it. */
export function discordMessageDigest(message: DiscordMessage): string {
	let digest = digests.get(message);
	if (digest === undefined) {
		digest = contentDigest([message.content, message.embeds, message.components]);
		digests.set(message, digest);
	}
	return digest;
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

/** Makes a posted message show `message` (the core decides which parts changed: edit-changed-parts.ts). */
export async function replaceDiscordMessage(rest: REST, channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
	try {
		await rest.patch(Routes.channelMessage(channelId, messageId), { body: editBody(message) });
	} catch (error) {
		if (error instanceof DiscordAPIError && typeof error.code === 'number' && notEditableCodes.has(error.code)) {
			throw new DeliveryError('not-editable', { platform: 'discord', method: editRoute, description: `${error.status} code ${error.code}: ${error.message}` });
		}
		throw toDeliveryError(error);
	}
}
