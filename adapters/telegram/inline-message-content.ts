import type { InputRichMessageContent, InputTextMessageContent } from 'grammy/types';
import type { ReplyPart } from '../../src/content/block.js';
import { renderRichPieces } from './rich/rich-blocks.js';
import { RichMessageTooLargeError } from './rich/rich-message-error.js';
import { packRichMessages } from './rich/rich-splitter.js';
import { renderReply } from './telegram-renderer.js';

/**
 * An answer as the content of one inline message (an inline result, a guest answer): Telegram
 * sends exactly one message for it, so an answer longer than a message is cut to its first one.
 */
export interface InlineMessageContent<Content> {
	readonly content: Content;
	/** False when the answer needed more than one message and only the first is here. */
	readonly whole: boolean;
}

/**
 * Buttons are left out of inline content: a press on an inline message carries no chat to
 * answer in (`callback_query.message` is absent), so the caller adds a link button instead.
 */
function withoutButtons(parts: readonly ReplyPart[]): ReplyPart[] {
	return parts.filter((part) => part.type !== 'actions');
}

/**
 * The answer as rich content (Bot API 10.1, `InputRichMessageContent`): headings, quotes,
 * folded stories and footnotes, up to 32,768 characters in one message. Undefined when a single
 * piece of it cannot fit a rich message at all; the caller then sends {@link textInlineContent}.
 */
export function richInlineContent(parts: readonly ReplyPart[]): InlineMessageContent<InputRichMessageContent> | undefined {
	try {
		const [first, ...rest] = packRichMessages(renderRichPieces(withoutButtons(parts)));
		return first ? { content: { rich_message: first }, whole: rest.length === 0 } : undefined;
	} catch (error) {
		if (error instanceof RichMessageTooLargeError) return undefined;
		throw error;
	}
}

/** The answer as text and entities (`InputTextMessageContent`), what every Bot API server takes: its first 4,096-character message. */
export function textInlineContent(parts: readonly ReplyPart[]): InlineMessageContent<InputTextMessageContent> | undefined {
	const rendered = renderReply(withoutButtons(parts));
	const [first] = rendered.parts;
	if (!first) return undefined;
	return { content: { message_text: first.text, entities: [...first.entities], link_preview_options: { is_disabled: true } }, whole: rendered.parts.length === 1 };
}
