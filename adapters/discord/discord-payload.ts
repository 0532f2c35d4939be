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
