import type { InlineKeyboard } from 'grammy';
import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { Action, ReplyPart } from '../../../src/content/block.js';
import type { ReplyPacker } from '../../reply/reply-packer.js';
import { buildKeyboard } from '../callback-data.js';
import { linkCitations } from '../citation-links.js';
import { answerFootnotes } from './answer-footnotes.js';
import { renderRichPieces } from './rich-blocks.js';
import { packRichMessages } from './rich-splitter.js';

/** One rich message of an answer, with the answer's buttons as its inline keyboard on the last one. */
export interface RichReply {
	readonly rich: InputRichMessageWithoutUpload;
	readonly keyboard?: InlineKeyboard | undefined;
}

/**
 * Telegram's rich packer for the reply pipeline (Bot API 10.1): an answer as rich messages —
 * headings, paragraphs, lists, each story card a details block with its sources as footnotes
 * (`renderRichPieces`), `/ask`'s citations as footnotes to the stories used
 * (`answerFootnotes`) — packed within Telegram's limits by `packRichMessages`, so nearly every
 * answer is one message. The answer's buttons stay an inline keyboard under the last message,
 * as in the entity form: a draft cannot carry a keyboard, so the final message's rich content is
 * exactly the last draft's.
 *
 * Rendering is pure and runs on the whole answer; `pack` keeps its result until a part arrives,
 * and the surface asks for it only when it shows a draft or sends, not for every delta.
 */
export class RichReplyPacker implements ReplyPacker<RichReply> {
	private readonly parts: ReplyPart[] = [];
	private packed: { readonly count: number; readonly messages: readonly RichReply[] } | undefined;

	/** `botUsername`: each footnote of a cited story then opens that story in the bot. */
	public constructor(private readonly botUsername?: string) {}

	public add(part: ReplyPart): void {
		this.parts.push(part);
	}

	/** How many parts have arrived: a draft of the same count reads the same. */
	public get version(): number {
		return this.parts.length;
	}

	/** Every part received, in order: what the entity form is given when rich messages are refused. */
	public get received(): readonly ReplyPart[] {
		return this.parts;
	}

	/** Throws `RichMessageTooLargeError` for content no rich message can hold (the caller sends it the entity way). */
	public pack(): readonly RichReply[] {
		if (this.packed?.count === this.parts.length) return this.packed.messages;
		const rows: (readonly Action[])[] = [];
		const content: ReplyPart[] = [];
		for (const part of this.parts) {
			if (part.type === 'actions') rows.push(part.actions);
			else content.push(part);
		}
		const keyboard = buildKeyboard(rows);
		const rendered = renderRich(content, this.botUsername);
		const messages = rendered.map((rich, index) => (index === rendered.length - 1 && keyboard ? { rich, keyboard } : { rich }));
		this.packed = { count: this.parts.length, messages };
		return messages;
	}
}

function renderRich(content: readonly ReplyPart[], botUsername: string | undefined): InputRichMessageWithoutUpload[] {
	const answer = answerFootnotes(content, botUsername);
	// Citations that are not footnotes link to the story they cite, as in the entity form.
	const linked = (): ReplyPart[] => (botUsername ? content.map((part) => linkCitations(part, botUsername)) : [...content]);
	if (!answer.footnotes) return packRichMessages(renderRichPieces(linked()));
	const messages = packRichMessages([...renderRichPieces(answer.parts, { footnotes: answer.names }), answer.footnotes]);
	if (messages.length === 1) return messages;
	// Spread over several messages, a citation could land apart from its footnote, which Telegram
	// refuses: such an answer keeps its citations as links and its list of the stories used.
	return packRichMessages(renderRichPieces(linked()));
}

/** What a rich message reads as: an edit that changes none of it is refused, so it is not made. */
export function richReplyKey(message: RichReply): string {
	return JSON.stringify([message.rich, message.keyboard?.inline_keyboard ?? null]);
}
