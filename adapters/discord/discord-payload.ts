import type { RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { V2Message } from './components-v2/v2-message.js';
import type { DiscordMessage } from './discord-renderer.js';

/**
 * One Discord message of either kind the bot sends: content and embeds (as before Components V2),
 * or a Components V2 card. The kind is fixed when a message is sent (Discord never adds the V2 flag
 * to a message nor removes it), so everything that edits a message keeps to the kind it has.
 */
export type DiscordPayload = DiscordMessage | V2Message;

/** Whether a message is a Components V2 card: only those carry the flag. */
export function isV2Message(message: DiscordPayload): message is V2Message {
	return 'flags' in message;
}

/** Nobody is pinged by a post, whatever a digest contains. */
const noMentions = { parse: [] };

/**
 * The body that posts a message of either kind (a channel message, a forum post's first message).
 * A new message leaves out empty content: Discord counts "" as no content. A V2 card is its flag
 * and its components alone: Discord refuses content or embeds beside the flag.
 */
export function postBody(message: DiscordPayload): RESTPostAPIChannelMessageJSONBody {
	if (isV2Message(message)) return { flags: message.flags, components: message.components, allowed_mentions: noMentions };
	return {
		...(message.content !== '' ? { content: message.content } : {}),
		embeds: message.embeds,
		components: message.components,
		allowed_mentions: noMentions,
	};
}
