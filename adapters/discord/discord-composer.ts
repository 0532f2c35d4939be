import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import type { ReplyPacker } from '../reply/reply-packer.js';
import type { DiscordPayload } from './discord-payload.js';

/**
 * What the Discord streamer needs of a packer, for either kind of message (content and embeds,
 * or Components V2 cards): the messages so far, a fresh one for a live answer's next view, and the
 * few messages the streamer makes itself in the same kind, since one answer never mixes kinds.
 */
export interface DiscordComposer<Message extends DiscordPayload> extends ReplyPacker<Message> {
	/** The messages so far. The last one may still grow. */
	readonly messages: readonly Message[];
	/** An empty composer with the same options: the next view of a live answer starts from nothing. */
	fresh(): DiscordComposer<Message>;
	/** A message that says only `text` (an empty answer, "Thinking…"), with `row` under it when given. */
	note(text: string, row?: APIActionRowComponent<APIButtonComponent>): Message;
	/** `message` with the buttons of `row` added (a streaming answer's Stop), or unchanged when it has no room left. */
	withRow(message: Message, row: APIActionRowComponent<APIButtonComponent>): Message;
}
