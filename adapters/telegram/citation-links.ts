import type { ReplyPart } from '../../src/content/block.js';
import type { Span } from '../../src/content/span.js';
import { storyDeepLink } from './inline-query.js';

/** The command a citation stands for, as /ask writes it: "/story 3 2026-03-03". */
const storyCommand = /^\/story (\d{1,4}) (\S+)$/;

/**
 * Turns citations (`[2026-03-03 · 3]`, a run carrying `/story 3 2026-03-03`) into deep links
 * that open the story in a private chat with the bot, the way `/start 2026-03-03-s3` does. A
 * run that already links somewhere, or stands for another command, is left as it is.
 */
export function linkCitations(part: ReplyPart, botUsername: string): ReplyPart {
	const link = (spans: readonly Span[]): readonly Span[] => {
		if (!spans.some((span) => span.command !== undefined && span.href === undefined)) return spans;
		return spans.map((span) => {
			const match = span.command !== undefined && span.href === undefined ? storyCommand.exec(span.command) : null;
			return match ? { ...span, href: storyDeepLink(botUsername, match[2]!, Number(match[1])) } : span;
		});
	};
	switch (part.type) {
		case 'frame':
			return part;
		case 'delta':
		case 'paragraph':
		case 'heading':
		case 'failure':
			return { ...part, spans: link(part.spans) };
		case 'list':
			return { ...part, items: part.items.map(link) };
		case 'card':
			return {
				...part,
				...(part.highlight ? { highlight: link(part.highlight) } : {}),
				body: part.body.map((block) => (block.type === 'list' ? { ...block, items: block.items.map(link) } : { ...block, spans: link(block.spans) })),
			};
		case 'actions':
			return part;
	}
}
