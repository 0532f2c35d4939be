import type { ReplyPart } from '../../src/content/block.js';

/**
 * What a platform supplies to the reply pipeline to decide what fits in one message: it takes the
 * reply's parts (blocks and text deltas) in order and packs them into that platform's messages.
 * `Message` is the platform's own payload (Telegram text with entities and a keyboard, a Discord
 * message with embeds and components, later a rich message or a Components V2 card), so a new
 * kind of message is a new packer, not a change to the pipeline.
 */
export interface ReplyPacker<Message> {
	add(part: ReplyPart): void;
	/** The reply's messages, each as the platform sends it; the last may still grow while parts arrive. */
	pack(): readonly Message[];
}
