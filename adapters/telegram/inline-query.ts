import { GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Archive, ArchivedIssue } from '../../src/archive/archive.js';
import type { CardBlock } from '../../src/content/block.js';
import { plainText } from '../../src/content/span.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import type { Story } from '../../src/model/issue.js';
import { storyCard } from '../../src/present/story-card.js';
import { richInlineContent } from './inline-message-content.js';
import type { RichSupport } from './rich/rich-support.js';
import { renderReply } from './telegram-renderer.js';

/** Telegram shows at most 50 results; a handful is what fits on a phone anyway. */
const maxResults = 10;

/** The deep link that opens one story in a private chat with the bot (handled by /start). */
export function storyDeepLink(botUsername: string, issueId: string, storyNumber: number): string {
	return `https://t.me/${botUsername}?start=${encodeURIComponent(`${issueId}-s${storyNumber}`)}`;
}

/**
 * Answers `@bot words` in any chat with matching stories to share; an empty query offers the
 * latest issue's stories. Each result is the story card as the bot would send it, with a button
 * that opens the full story in the bot: a rich message (`InputRichMessageContent`, Bot API 10.1:
 * the whole story with its "Why it matters" quote and its sources as footnotes) while the server
 * may speak rich messages, else text with entities (the first 4,096-character message's worth).
 * https://core.telegram.org/bots/api#answerinlinequery
 */
export async function answerInlineQuery(ctx: Context, archive: Archive, richSupport?: RichSupport): Promise<void> {
	const typed = ctx.inlineQuery?.query.trim().slice(0, 200) ?? '';
	// "@bot rust async": a leading publication slug narrows the stories to that publication.
	const [first = '', ...others] = typed.split(/\s+/);
	const publication = archive.publications().has(first.toLowerCase()) ? first.toLowerCase() : undefined;
	const query = publication ? others.join(' ') : typed;
	const found: { issue: ArchivedIssue; story: Story }[] =
		query === '' || !/[\p{L}\p{N}]/u.test(query)
			? latestStories(archive, publication)
			: archive.search(query, maxResults, publication).map((hit) => ({ issue: hit.issue, story: hit.story }));
	const username = ctx.me.username;
	// The card and its button in the sharer's language; the story itself stays as written.
	const t = translatorFor(ctx.from?.language_code);
	const results = found.map(({ issue, story }) => buildResult(issue, story, username, t));
	// Shared results, briefly cached: the archive changes when an issue is published.
	const options = { cache_time: 30, is_personal: false };
	if (richSupport?.enabled) {
		try {
			await ctx.answerInlineQuery(results.map(asRich), options);
			richSupport.noteAccepted();
			return;
		} catch (error) {
			// A refused answer shows nothing, so answering again as text loses nothing and doubles nothing.
			// An older server refuses rich content as an empty message (400), never as a missing method.
			if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
		}
	}
	await ctx.answerInlineQuery(results.map((result) => result.text), options);
}

/** A result in both forms: rich content where the card renders as one rich message, and text. */
interface InlineResult {
	readonly text: InlineQueryResultArticle;
	readonly card: CardBlock;
}

function asRich(result: InlineResult): InlineQueryResultArticle {
	const rich = richInlineContent([result.card]);
	return rich ? { ...result.text, input_message_content: rich.content } : result.text;
}

function latestStories(archive: Archive, publication?: string): { issue: ArchivedIssue; story: Story }[] {
	const latest = archive.latest(publication);
	return latest ? latest.issue.stories.slice(0, maxResults).map((story) => ({ issue: latest, story })) : [];
}

function buildResult(issue: ArchivedIssue, story: Story, username: string, t: Translator): InlineResult {
	const card = storyCard(issue, story, t);
	const first = renderReply([card]).parts[0] ?? { text: card.title, entities: [] };
	const description = story.whyItMatters ? plainText(story.whyItMatters).replace(/^\s*why it matters:?\s*/i, '') : issue.issue.title;
	const text: InlineQueryResultArticle = {
		type: 'article',
		// Result ids are at most 64 bytes; issue ids are dates or short slugs.
		id: `${issue.issue.id}-s${story.number}`.slice(0, 64),
		title: `${story.number}. ${story.title}`.slice(0, 256),
		description: description.slice(0, 200),
		input_message_content: { message_text: first.text, entities: [...first.entities], link_preview_options: { is_disabled: true } },
		reply_markup: new InlineKeyboard().url(t.text('button-open-in-bot'), storyDeepLink(username, issue.issue.id, story.number)),
	};
	return { text, card };
}
