import { ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Block, ReplyPart } from '../../../src/content/block.js';
import { appendSpans } from '../../../src/content/assemble-blocks.js';
import type { Span } from '../../../src/content/span.js';
import { translatorFor } from '../../../src/i18n/translator.js';
import { discordLimits } from '../discord-limits.js';
import type { DiscordComposer } from '../discord-composer.js';
import { appendToCard, capCards } from './v2-append.js';
import { isComponentsV2Flag } from './v2-limits.js';
import type { V2Message } from './v2-message.js';
import { packComponentsV2 } from './v2-packer.js';

export interface V2ComposerOptions {
	/** The command being answered: buttons that re-run it page in place instead of replying. */
	readonly sourceCommand?: string;
	/** Cards at most (default {@link discordLimits.messagesPerAnswer}); what does not fit is dropped and `cutNote` says so. */
	readonly maxMessages?: number;
	/** Markdown added to the last card when the rest was dropped. */
	readonly cutNote?: string;
	/** The label of "Read story N", in the reader's language. */
	readonly storyButtonLabel?: (story: number) => string;
}

/** English, for a composer given no note of its own (the interaction handler passes one in the reader's language). */
const truncatedNote = `_${translatorFor().text('discord-answer-cut')}_`;

/**
 * An answer as Components V2 cards: the answer's blocks, packed by {@link packComponentsV2} into
 * containers within Discord's 40 / 10 / 4,000 limits, buttons (previous, next, sources) inside
 * the card. Text deltas grow the paragraph before them, kept as runs.
 *
 * The cards are packed again from the blocks when read, and kept until the next part arrives:
 * the streamer reads them once per edit (about once a second), so a streaming answer costs its
 * length once per edit, and answers are capped at ten cards. Packing is greedy, so cards before
 * the last one do not change as the answer grows.
 */
export class V2ReplyComposer implements DiscordComposer<V2Message> {
	private readonly blocks: Block[] = [];
	/** The paragraph deltas may still grow, as runs. */
	private growing: Span[] | undefined;
	private packed: readonly V2Message[] | undefined;

	public constructor(private readonly options: V2ComposerOptions = {}) {}

	public fresh(): V2ReplyComposer {
		return new V2ReplyComposer(this.options);
	}

	public get messages(): readonly V2Message[] {
		this.packed ??= this.pack();
		return this.packed;
	}

	public add(part: ReplyPart): void {
		this.packed = undefined;
		if (part.type === 'frame') return;
		if (part.type === 'delta') {
			this.grow(part.spans);
			return;
		}
		this.settle();
		if (part.type === 'paragraph') this.growing = [...part.spans];
		else this.blocks.push(part);
	}

	public pack(): readonly V2Message[] {
		const blocks: Block[] = this.growing && this.growing.length > 0 ? [...this.blocks, { type: 'paragraph', spans: this.growing }] : this.blocks;
		const limit = this.options.maxMessages ?? discordLimits.messagesPerAnswer;
		const cards = packComponentsV2(blocks, { sourceCommand: this.options.sourceCommand, storyButtonLabel: this.options.storyButtonLabel, maxMessages: limit + 1 });
		return capCards(cards, limit, this.options.cutNote ?? truncatedNote);
	}

	public note(text: string, row?: APIActionRowComponent<APIButtonComponent>): V2Message {
		return { flags: isComponentsV2Flag, components: [{ type: ComponentType.Container, components: [{ type: ComponentType.TextDisplay, content: text }, ...(row ? [row] : [])] }] };
	}

	/** The Stop button goes inside the card, under what is written so far. */
	public withRow(message: V2Message, row: APIActionRowComponent<APIButtonComponent>): V2Message {
		return appendToCard(message, row) ?? message;
	}

	private settle(): void {
		if (this.growing && this.growing.length > 0) this.blocks.push({ type: 'paragraph', spans: this.growing });
		this.growing = undefined;
	}

	private grow(spans: readonly Span[]): void {
		appendSpans((this.growing ??= []), spans);
	}
}
