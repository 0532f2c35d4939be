import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { translatorFor } from '../../src/i18n/translator.js';
import type { ActionsBlock, ReplyPart } from '../../src/content/block.js';
import { plainText, type Span } from '../../src/content/span.js';
import { appendSpans } from '../../src/content/assemble-blocks.js';
import { encodeCustomId } from './custom-id.js';
import { embedSize, renderCard } from './discord-embeds.js';
import { discordLimits, truncate } from './discord-limits.js';
import { packLines, takeFitting, trimRuns, type TextLine } from './discord-text.js';
import { renderSpans } from './discord-markdown.js';
import { bodyLines } from './discord-embeds.js';
import type { DiscordComposer } from './discord-composer.js';

/** One Discord message as the adapter sends it: content above embeds, buttons below. */
export interface DiscordMessage {
	content: string;
	embeds: APIEmbed[];
	components: APIActionRowComponent<APIButtonComponent>[];
}

export interface ComposerOptions {
	/** The command being answered: buttons that re-run it page in place instead of replying. */
	readonly sourceCommand?: string;
	/** Messages at most (default {@link discordLimits.messagesPerAnswer}); what does not fit is dropped and `cutNote` says so. */
	readonly maxMessages?: number;
	/** Markdown appended to the last message when the rest was dropped. */
	readonly cutNote?: string;
}

/** English, for a composer given no note of its own (the interaction handler passes one in the reader's language). */
const truncatedNote = `_${translatorFor().text('discord-answer-cut')}_`;

/**
 * Turns a stream of blocks into Discord messages within Discord's limits. Packing is greedy,
 * so adding a block only ever changes the last message or starts new ones: messages already
 * sent as follow-ups never need to change, which is what lets the streamer send them early.
 *
 * Text deltas grow the paragraph before them. Its runs are kept, not its Markdown: the
 * growing paragraph is rendered only when the messages are read (once per edit, about once a
 * second) and only from where the current message starts, so streaming stays linear in the
 * answer's length. A paragraph that outgrows the room left moves to a message of its own when
 * it fits there, as a whole block would; one longer than a message is cut, preferably at a
 * paragraph break, and the head is placed for good.
 */
export class MessageComposer implements DiscordComposer<DiscordMessage> {
	private readonly list: DiscordMessage[] = [];
	private cut = false;
	/** The paragraph deltas may still grow, as runs. */
	private growing: Span[] | undefined;
	private growingChars = 0;

	public constructor(private readonly options: ComposerOptions = {}) {}

	/** An empty composer with the same options: the next view of a live answer starts from nothing. */
	public fresh(): MessageComposer {
		return new MessageComposer(this.options);
	}

	/** The messages so far. The last one may still grow. */
	public get messages(): readonly DiscordMessage[] {
		if (!this.growing || this.growing.length === 0) return this.list;
		const preview = this.list.map((message, index) => (index === this.list.length - 1 ? { ...message } : message));
		this.placeText(preview, [{ prefix: '', spans: trimRuns(this.growing, 'end') }], false);
		return preview;
	}

	/** The reply pipeline's name for {@link messages}. */
	public pack(): readonly DiscordMessage[] {
		return this.messages;
	}

	public note(text: string, row?: APIActionRowComponent<APIButtonComponent>): DiscordMessage {
		return { content: text, embeds: [], components: row ? [row] : [] };
	}

	/** Buttons go in a row of their own under the message, while Discord's five rows leave room. */
	public withRow(message: DiscordMessage, row: APIActionRowComponent<APIButtonComponent>): DiscordMessage {
		return message.components.length >= discordLimits.rows ? message : { ...message, components: [...message.components, row] };
	}

	public add(part: ReplyPart): void {
		if (part.type === 'delta') {
			this.grow(part.spans);
			return;
		}
		this.settle();
		switch (part.type) {
			case 'heading':
				this.addText([{ prefix: part.level === 1 ? '## ' : '### ', spans: part.spans.map((span) => ({ ...span, text: span.text.replace(/\n/g, ' ') })) }]);
				return;
			case 'paragraph':
				// Kept as runs: a delta may follow and grow it.
				this.growing = [...part.spans];
				this.growingChars = plainText(part.spans).length;
				this.fitGrowing();
				return;
			case 'list':
				this.addText(bodyLines(part));
				return;
			case 'failure':
				this.addText([{ prefix: '⚠️ ', spans: part.spans }]);
				return;
			case 'card':
				for (const embed of renderCard(part)) this.addEmbed(embed);
				return;
			case 'actions':
				this.addButtons(part);
				return;
		}
	}

	/** Places the growing paragraph for good: nothing more will be appended to it. */
	private settle(): void {
		// A token's trailing space waits for the next one; at the end it is dropped, as Discord would.
		if (this.growing && this.growing.length > 0) this.addText([{ prefix: '', spans: trimRuns(this.growing, 'end') }]);
		this.growing = undefined;
		this.growingChars = 0;
	}

	private grow(spans: readonly Span[]): void {
		this.growingChars += appendSpans((this.growing ??= []), spans);
		this.fitGrowing();
	}

	private fitGrowing(): void {
		const limit = discordLimits.content;
		while (this.growing && this.growing.length > 0 && !this.cut) {
			const last = this.list.at(-1);
			const textual = last !== undefined && last.embeds.length === 0 && last.components.length === 0 && last.content !== '';
			const room = textual ? limit - last.content.length - 2 : limit;
			// Markdown is never shorter than its text: most deltas are placed without rendering anything.
			if (this.growingChars <= room / 4) return;
			const rendered = renderSpans(this.growing).length;
			if (rendered <= room) return;
			if (textual && rendered <= limit) {
				this.push({ content: '', embeds: [], components: [] });
				return;
			}
			const { head, rest } = takeFitting(this.growing, room);
			if (head.length === 0) {
				// Not even a word fits: leave the cutting to the packer, which handles any run.
				this.settle();
				return;
			}
			this.placeText(this.list, [{ prefix: '', spans: head }], true);
			this.push({ content: '', embeds: [], components: [] });
			this.growing = rest;
			this.growingChars = plainText(rest).length;
		}
	}

	private addText(lines: readonly TextLine[]): void {
		this.placeText(this.list, lines, true);
	}

	/** Appends text to `list`; `final` is false for a preview of the growing paragraph, which must not count as a cut. */
	private placeText(list: DiscordMessage[], lines: readonly TextLine[], final: boolean): void {
		for (const piece of packLines(lines, discordLimits.content)) {
			const last = list.at(-1);
			if (last && last.embeds.length === 0 && last.components.length === 0 && last.content.length + 2 + piece.length <= discordLimits.content) {
				last.content = last.content === '' ? piece : `${last.content}\n\n${piece}`;
			} else if (final) this.push({ content: piece, embeds: [], components: [] });
			else if (list.length < (this.options.maxMessages ?? discordLimits.messagesPerAnswer)) list.push({ content: piece, embeds: [], components: [] });
		}
	}

	private addEmbed(embed: APIEmbed): void {
		const last = this.list.at(-1);
		const total = last ? last.embeds.reduce((sum, candidate) => sum + embedSize(candidate), 0) : 0;
		if (last && last.components.length === 0 && last.embeds.length < discordLimits.embedsPerMessage && total + embedSize(embed) <= discordLimits.embedTotal) {
			last.embeds.push(embed);
		} else this.push({ content: '', embeds: [embed], components: [] });
	}

	private addButtons(block: ActionsBlock): void {
		const buttons: APIButtonComponent[] = [];
		for (const action of block.actions) {
			const mode = action.command === this.options.sourceCommand ? 'edit' : 'reply';
			const customId = encodeCustomId(action, mode);
			if (!customId) continue;
			buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: truncate(action.label, discordLimits.buttonLabel), custom_id: customId });
		}
		const rows: APIActionRowComponent<APIButtonComponent>[] = [];
		for (let at = 0; at < buttons.length && rows.length < discordLimits.rows; at += discordLimits.buttonsPerRow) {
			rows.push({ type: ComponentType.ActionRow, components: buttons.slice(at, at + discordLimits.buttonsPerRow) });
		}
		if (rows.length === 0) return;
		const last = this.list.at(-1);
		// A message needs content or an embed besides its buttons.
		if (last && last.components.length === 0) last.components = rows;
		else this.push({ content: '​', embeds: [], components: rows });
	}

	private push(message: DiscordMessage): void {
		if (this.list.length >= (this.options.maxMessages ?? discordLimits.messagesPerAnswer)) {
			if (!this.cut) {
				this.cut = true;
				const last = this.list.at(-1) as DiscordMessage;
				const note = this.options.cutNote ?? truncatedNote;
				if (last.content.length + note.length + 2 <= discordLimits.content) last.content = last.content === '' ? note : `${last.content}\n\n${note}`;
			}
			return;
		}
		this.list.push(message);
	}
}

/** Renders a whole answer at once (for tests and one-shot sends). */
export function renderBlocks(blocks: readonly ReplyPart[], options: ComposerOptions = {}): DiscordMessage[] {
	const composer = new MessageComposer(options);
	for (const block of blocks) composer.add(block);
	return [...composer.messages];
}
