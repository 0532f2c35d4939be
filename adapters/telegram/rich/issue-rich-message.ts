import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import type { Block } from '../../../src/content/block.js';
import { issueContent } from '../../../src/delivery/issue-content.js';
import { translatorFor, type Translator } from '../../../src/i18n/translator.js';
import { issueLabel } from '../../../src/present/story-card.js';
import type { SubscriptionFormat } from '../../../src/subscriptions/subscription.js';
import { storyDeepLink } from '../inline-query.js';
import { renderRichPieces } from './rich-blocks.js';
import { richMessageLimits, type RichCost } from './rich-limits.js';
import { packRichMessages, type RichFooter } from './rich-splitter.js';
import { richSpans } from './rich-text.js';

export interface RichIssueOptions {
	/** The bot's username, for the footer's deep link; without it the footer has none. */
	readonly botUsername?: string;
	readonly sections?: readonly string[];
	readonly t?: Translator;
	/** Other limits than Telegram's, for tests of the splitter. */
	readonly limits?: RichCost;
}

/**
 * The footer of every message of an issue: "AI High Signal Digest · Mar 3, 2026 · 1/2 ·
 * t.me/digest_bot", the last part a deep link that opens the issue's first story of that
 * message in the bot (`/start 2026-03-03-s5`). Numbers and the bot's address need no
 * translation; the date follows the reader's language.
 */
export function issueFooter(archived: ArchivedIssue, t: Translator, botUsername?: string): RichFooter {
	const label = issueLabel(archived, t);
	const link = botUsername ? `t.me/${botUsername}` : '';
	const build = (index: number, total: number, firstStory: number | undefined) => {
		const place = total > 1 ? ` · ${index + 1}/${total}` : '';
		const story = firstStory ?? archived.issue.stories[0]?.number;
		const deepLink = botUsername && story !== undefined ? storyDeepLink(botUsername, archived.issue.id, story) : undefined;
		const text = richSpans([{ text: `${label}${place}${link ? ' · ' : ''}` }, ...(link ? [{ text: link, ...(deepLink ? { href: deepLink } : {}) }] : [])]);
		return { value: { type: 'footer' as const, text: text.value }, cost: { blocks: 1, characters: text.cost.characters, depth: 1 + text.cost.depth } };
	};
	// The widest place a message can be given: far more parts than any issue takes.
	// The widest place a message can be given (far more parts than any issue takes) and story number.
	const widest = build(9_998, 9_999, 9_999).cost;
	return { reserve: widest, build };
}

/**
 * An issue as rich messages (Bot API 10.1) in a subscription's format: the blocks a subscriber
 * receives today (`issueContent`), rendered by `renderRichPieces` without the cards' own footers
 * (each message's footer names the issue), packed by `packRichMessages`. The reference issue in
 * `full` is one message; a longer issue splits at section boundaries.
 */
export function renderIssueRich(archived: ArchivedIssue, format: SubscriptionFormat, options: RichIssueOptions = {}): InputRichMessageWithoutUpload[] {
	const t = options.t ?? translatorFor();
	return renderBlocksRich(issueContent(archived, format, options.sections, t), archived, t, options);
}

/** Neutral blocks of one issue as rich messages with the issue's footer. */
export function renderBlocksRich(blocks: readonly Block[], archived: ArchivedIssue, t: Translator, options: Pick<RichIssueOptions, 'botUsername' | 'limits'> = {}): InputRichMessageWithoutUpload[] {
	return packRichMessages(renderRichPieces(blocks, { storyFooters: false }), issueFooter(archived, t, options.botUsername), options.limits ?? richMessageLimits);
}
