import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import type { Block } from '../../../src/content/block.js';
import { issueContent } from '../../../src/present/issue-content.js';
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
 * `full` is one message (273 blocks, 13,362 characters); a longer issue splits at section
 * boundaries. What a reader sees of it (▾ an open story, ▸ a folded one, `[^c2-7]` the footnote
 * that the 7 of "[7, 8]" jumps to; the full outline is a snapshot in
 * tests/adapters/telegram/rich/rich-issue.test.ts):
 *
 * ```text
 * # Qwen 3.5 small models go multimodal-on-edge as U.S. AI … · Mar 3, 2026
 * A packed cycle led by Alibaba’s Qwen 3.5 small multimodal models …
 * ## Top Stories
 * ▾ 1. Qwen 3.5 “small” models push multimodal + long-context onto consumer/edge hardware
 *   > Why it matters: The latest open(-ish) model drop isn’t just about smaller checkpoints …
 *   Alibaba Qwen released the Qwen 3.5 Small Model Series (0.8B, 2B, 4B, 9B) … [1]. …
 *   Sources
 *   - [^c1-1] 1. X post by @Alibaba_Qwen
 *   …
 * ▾ 2. U.S. government AI procurement escalates: Treasury ends Claude use, …
 *   > Why it matters: “AI policy” is being expressed through …
 *   - U.S. Treasury said it is terminating all use of Anthropic products, … [7, 8].
 *   …
 *   - [^c2-7] 7. X post by @SecScottBessent
 * ## Research & Innovation
 * ▸ 5. Reverse-engineering Apple’s Neural Engine (ANE) for training
 * ▸ 6. Nebius “LK Losses” for speculative decoding
 * …
 * — AI High Signal Digest · Mar 3, 2026 · t.me/yourbot   (a deep link: ?start=2026-03-03-s1)
 * ```
 */
export function renderIssueRich(archived: ArchivedIssue, format: SubscriptionFormat, options: RichIssueOptions = {}): InputRichMessageWithoutUpload[] {
	const t = options.t ?? translatorFor();
	return renderBlocksRich(issueContent(archived, format, options.sections, t), archived, t, options);
}

/** Neutral blocks of one issue as rich messages with the issue's footer. */
export function renderBlocksRich(blocks: readonly Block[], archived: ArchivedIssue, t: Translator, options: Pick<RichIssueOptions, 'botUsername' | 'limits'> = {}): InputRichMessageWithoutUpload[] {
	return packRichMessages(renderRichPieces(blocks, { storyFooters: false }), issueFooter(archived, t, options.botUsername), options.limits ?? richMessageLimits);
}
