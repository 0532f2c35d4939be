import type { ListBlock, ReplyPart } from '../../../src/content/block.js';
import type { Span } from '../../../src/content/span.js';
import { storyDeepLink } from '../inline-query.js';
import { piece, richList, richTextParagraph, type RichPiece } from './rich-block-builders.js';
import type { Measured, OutgoingRichBlock } from './rich-limits.js';
import { richSpans, type FootnoteNames } from './rich-text.js';

/** The command a citation of `/ask` stands for, as `citationSpan` writes it: "/story 3 2026-03-03". */
const storyCitation = /^\/story (\d{1,4}) (\S+)$/;

/** A story an answer cites: the footnote its citations jump to. */
interface CitedStory {
	readonly name: string;
	readonly issueId: string;
	readonly number: number;
	/** The citation's own text, "[2026-03-03 · 3]". */
	readonly label: string;
	/** What the "stories used" list says of it after the label (" Title — /story 3 2026-03-03"), once that list has arrived. */
	rest?: readonly Span[];
}

/** An answer's parts with its story citations turned into footnote marks, and the footnotes they point to. */
export interface AnswerFootnotes {
	/** The parts to render: citations carry `cite`, and the "stories used" list is left out (the footnotes are that list). */
	readonly parts: readonly ReplyPart[];
	readonly names: FootnoteNames;
	/** The footnotes, one per story, to end the answer with; none when nothing is cited. */
	readonly footnotes: RichPiece | undefined;
}

function storyOf(span: Span): { issueId: string; number: number } | undefined {
	const match = span.command !== undefined && span.cite === undefined ? storyCitation.exec(span.command) : null;
	return match ? { number: Number(match[1]), issueId: match[2]! } : undefined;
}

/** The "stories used" list `storiesUsedBlocks` ends an answer with: every item opens with a story citation. */
function storiesUsed(part: ReplyPart): ListBlock | undefined {
	return part.type === 'list' && part.items.length > 0 && part.items.every((item) => item[0] !== undefined && storyOf(item[0]) !== undefined) ? part : undefined;
}

/**
 * `/ask`'s citations (`[2026-03-03 · 3]`, a run carrying `/story 3 2026-03-03`) as footnotes of a
 * rich message: each citation becomes a reference link to its story's footnote, and the footnotes
 * — the stories the answer used, each linked to open the story in the bot — end the answer in
 * place of its "stories used" list. While the answer streams and that list has not come yet, each
 * story cited so far already has its footnote (just its label), so every draft is valid on its
 * own: Telegram refuses a reference link without its reference in the same message.
 */
export function answerFootnotes(parts: readonly ReplyPart[], botUsername: string | undefined): AnswerFootnotes {
	const stories = new Map<string, CitedStory>();
	const numbers: CitedStory[] = [];
	const note = (span: Span): CitedStory | undefined => {
		const story = storyOf(span);
		if (!story) return undefined;
		const key = `${story.issueId}#${story.number}`;
		let cited = stories.get(key);
		if (!cited) {
			cited = { name: `s${numbers.length + 1}`, issueId: story.issueId, number: story.number, label: span.text };
			stories.set(key, cited);
			numbers.push(cited);
		}
		return cited;
	};
	const mark = (spans: readonly Span[]): readonly Span[] =>
		spans.some((span) => storyOf(span) !== undefined)
			? spans.map((span) => {
					const cited = note(span);
					return cited ? { text: span.text, cite: numbers.indexOf(cited) + 1 } : span;
				})
			: spans;
	const out: ReplyPart[] = [];
	for (const part of parts) {
		const list = storiesUsed(part);
		if (list) {
			for (const [first, ...rest] of list.items) note(first!)!.rest = rest;
			continue;
		}
		if (part.type === 'paragraph' || part.type === 'delta') out.push({ ...part, spans: mark(part.spans) });
		else if (part.type === 'list') out.push({ ...part, items: part.items.map(mark) });
		else out.push(part);
	}
	const names: FootnoteNames = (number) => numbers[number - 1]?.name;
	if (numbers.length === 0) return { parts: out, names, footnotes: undefined };
	return { parts: out, names, footnotes: piece('other', [richList(numbers.map((story) => footnoteItem(story, botUsername)))]) };
}

/** A story as a footnote: its label linked to open it in the bot, then what the answer said of it. */
function footnoteItem(story: CitedStory, botUsername: string | undefined): Measured<OutgoingRichBlock> {
	const href = botUsername ? storyDeepLink(botUsername, story.issueId, story.number) : undefined;
	const text = richSpans([{ text: story.label, ...(href ? { href } : {}) }, ...(story.rest ?? [])]);
	return richTextParagraph({ value: { type: 'reference', name: story.name, text: text.value }, cost: { ...text.cost, depth: 1 + text.cost.depth } });
}
