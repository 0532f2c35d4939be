import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { ActionsBlock, Block } from '../../src/content/block.js';
import { encodeCustomId } from './custom-id.js';
import { embedSize, renderCard } from './discord-embeds.js';
import { discordLimits, truncate } from './discord-limits.js';
import { packLines, type TextLine } from './discord-text.js';
import { bodyLines } from './discord-embeds.js';

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

const truncatedNote = '_… the answer was cut short: it is longer than Discord allows in one reply._';

/**
 * Turns a stream of blocks into Discord messages within Discord's limits. Packing is greedy,
 * so adding a block only ever changes the last message or starts new ones: messages already
 * sent as follow-ups never need to change, which is what lets the streamer send them early.
 */
export class MessageComposer {
	private readonly list: DiscordMessage[] = [];
	private cut = false;

	public constructor(private readonly options: ComposerOptions = {}) {}

	/** The messages so far. The last one may still grow. */
	public get messages(): readonly DiscordMessage[] {
		return this.list;
	}

	public add(block: Block): void {
		switch (block.type) {
			case 'heading':
				this.addText([{ prefix: block.level === 1 ? '## ' : '### ', spans: block.spans.map((span) => ({ ...span, text: span.text.replace(/\n/g, ' ') })) }]);
				return;
			case 'paragraph':
			case 'list':
				this.addText(bodyLines(block));
				return;
			case 'failure':
				this.addText([{ prefix: '⚠️ ', spans: block.spans }]);
				return;
			case 'card':
				for (const embed of renderCard(block)) this.addEmbed(embed);
				return;
			case 'actions':
				this.addButtons(block);
				return;
		}
	}

	private addText(lines: readonly TextLine[]): void {
		for (const piece of packLines(lines, discordLimits.content)) {
			const last = this.list.at(-1);
			if (last && last.embeds.length === 0 && last.components.length === 0 && last.content.length + 2 + piece.length <= discordLimits.content) {
				last.content = last.content === '' ? piece : `${last.content}\n\n${piece}`;
			} else this.push({ content: piece, embeds: [], components: [] });
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
export function renderBlocks(blocks: readonly Block[], options: ComposerOptions = {}): DiscordMessage[] {
	const composer = new MessageComposer(options);
	for (const block of blocks) composer.add(block);
	return [...composer.messages];
}
