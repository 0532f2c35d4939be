import type { InlineKeyboard } from 'grammy';
import type { ReplyPart } from '../../src/content/block.js';
import type { ReplyPacker } from '../reply/reply-packer.js';
import { buildKeyboard } from './callback-data.js';
import { linkCitations } from './citation-links.js';
import { telegramPartDigest } from './telegram-post-edit.js';
import { ReplyPacker as TextPacker, type RenderedReply } from './telegram-renderer.js';
import type { TelegramText } from './telegram-text.js';

/** One Telegram message of an answer: text with entities, and the answer's buttons on its last message. */
export interface TelegramMessage {
	readonly text: TelegramText;
	readonly keyboard?: InlineKeyboard | undefined;
}

/**
 * Telegram's packer for the reply pipeline: the streaming text packer (`telegram-renderer.ts`)
 * with citations linked to the story they cite, and the answer's buttons as an inline keyboard
 * under its last message.
 */
export class TelegramMessagePacker implements ReplyPacker<TelegramMessage> {
	private readonly packer = new TextPacker();

	/** `botUsername`: citations then link to the story they cite (see `linkCitations`). */
	public constructor(private readonly botUsername?: string) {}

	public add(part: ReplyPart): void {
		this.packer.add(this.botUsername ? linkCitations(part, this.botUsername) : part);
	}

	/** Messages no later part can change: packing is greedy, so a message is final once the next exists. */
	public get finished(): readonly TelegramText[] {
		return this.packer.finished;
	}

	/** The message later parts may still join or grow, as it reads now. */
	public get current(): TelegramText | undefined {
		return this.packer.current;
	}

	/** The whole answer, with its buttons as one keyboard. */
	public result(): RenderedReply & { readonly keyboard: InlineKeyboard | undefined } {
		const rendered = this.packer.result();
		return { ...rendered, keyboard: buildKeyboard(rendered.actionRows) };
	}

	public pack(): readonly TelegramMessage[] {
		const { parts, keyboard } = this.result();
		return parts.map((text, index) => (index === parts.length - 1 && keyboard ? { text, keyboard } : { text }));
	}
}

/** What a Telegram message reads as: an edit that changes none of it is refused, so it is not made. */
export function telegramMessageKey(message: TelegramMessage): string {
	return telegramPartDigest(message.text, message.keyboard);
}
