import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST, type RESTPatchAPIChannelMessageJSONBody } from 'discord.js';
import { contentDigest } from '../../src/content/content-digest.js';
import type { SentPost } from '../../src/delivery/delivery-transport.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { toDeliveryError } from './discord-delivery-errors.js';
import { isV2Message, type DiscordPayload } from './discord-payload.js';

/** Digests by rendered message: a broadcast posts the same rendered messages to every channel. */
const digests = new WeakMap<DiscordPayload, string>();

/**
 * Marks the digest of a Components V2 message. Digests are kept with each posted message
 * (src/delivery/corrections), so the mark is how a correction learns, long after, which kind a
 * message is; a digest without it is a message of content and embeds, as every post before V2 was.
 */
const v2DigestMark = 'v2:';

/** What a message looked like when posted, to tell later whether a correction changed it, and which kind it is. */
export function discordMessageDigest(message: DiscordPayload): string {
	let digest = digests.get(message);
	if (digest === undefined) {
		digest = isV2Message(message) ? v2DigestMark + contentDigest([message.flags, message.components]) : contentDigest([message.content, message.embeds, message.components]);
		digests.set(message, digest);
	}
	return digest;
}

/** Whether a post was made of Components V2 messages, told by the digests kept with it. */
export function isV2Post(post: SentPost): boolean {
	return post.messages[0]?.digest.startsWith(v2DigestMark) === true;
}

/**
 * Discord's answers to an edit that mean "this message cannot be edited": deleted (Unknown
 * Message) or not the bot's. https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
const notEditableCodes: ReadonlySet<number> = new Set([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser]);

const editRoute = 'PATCH /channels/:id/messages/:id';

/**
 * An edit of content and embeds sends the content even when empty: leaving it out would keep the
 * old text beside the new embeds. A V2 edit restates its flag and sends neither content nor
 * embeds, which Discord refuses beside the flag.
 */
function editBody(message: DiscordPayload): RESTPatchAPIChannelMessageJSONBody {
	if (isV2Message(message)) return { flags: message.flags, components: message.components, allowed_mentions: { parse: [] } };
	return { content: message.content, embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] } };
}

/** Makes a posted message show `message` (the core decides which parts changed: edit-changed-parts.ts). */
export async function replaceDiscordMessage(rest: REST, channelId: string, messageId: string, message: DiscordPayload): Promise<void> {
	try {
		await rest.patch(Routes.channelMessage(channelId, messageId), { body: editBody(message) });
	} catch (error) {
		if (error instanceof DiscordAPIError && typeof error.code === 'number' && notEditableCodes.has(error.code)) {
			throw new DeliveryError('not-editable', { platform: 'discord', method: editRoute, description: `${error.status} code ${error.code}: ${error.message}` });
		}
		throw toDeliveryError(error);
	}
}
