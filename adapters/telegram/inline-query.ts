import { createHash } from 'node:crypto';
import { GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Archive, ArchivedIssue } from '../../src/archive/archive.js';
import type { CardBlock } from '../../src/content/block.js';
import { plainText } from '../../src/content/span.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import type { Story } from '../../src/model/issue.js';
import { readLeadingPublication, type PublicationCatalogue } from '../../src/publications/publication-catalogue.js';
import { storyCard } from '../../src/present/story-card.js';
import { richInlineContent } from './inline-message-content.js';
import type { RichSupport } from './rich/rich-support.js';
import { renderReply } from './telegram-renderer.js';

/** A handful of results is what fits on a phone; with several publications an empty query may show more (see {@link latestOfEach}). */
const maxResults = 10;

/** Telegram refuses more than 50 results in one answer. https://core.telegram.org/bots/api#answerinlinequery */
const maxTelegramResults = 50;

/** Telegram's limits on a `start` parameter: 1–64 characters of A–Z, a–z, 0–9, _ and -. https://core.telegram.org/bots/features#deep-linking */
const startParameter = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The deep link that opens one story in a private chat with the bot (handled by /start). Issue ids
 * are unique across publications, so the link opens the right publication's issue. A payload
 * Telegram would refuse (over 64 characters: a long undated title under a publication's slug)
 * is left out rather than cut, so the link still opens the bot instead of the wrong story.
 */
export function storyDeepLink(botUsername: string, issueId: string, storyNumber: number): string {
	const payload = `${issueId}-s${storyNumber}`;
	return startParameter.test(payload) ? `https://t.me/${botUsername}?start=${payload}` : `https://t.me/${botUsername}`;
}

/** What inline mode reads: the stories, and the publications readers name them by. */
export interface InlineSources {
	readonly archive: Archive;
	readonly publications: PublicationCatalogue;
}

/**
 * Answers `@bot words` in any chat with matching stories to share; an empty query offers the
 * latest issue's stories (with several publications, each one's latest). `@bot rust async`
 * narrows to a publication, as typed commands do, and with several publications each result
 * says which one it is from. Each result is the story card as the bot would send it, with a button
 * that opens the full story in the bot: a rich message (`InputRichMessageContent`, Bot API 10.1:
 * the whole story with its "Why it matters" quote and its sources as footnotes) while the server
 * may speak rich messages, else text with entities (the first 4,096-character message's worth).
 * https://core.telegram.org/bots/api#answerinlinequery
 */
export async function answerInlineQuery(ctx: Context, sources: InlineSources, richSupport?: RichSupport): Promise<void> {
	const { archive, publications } = sources;
	const typed = ctx.inlineQuery?.query.trim().slice(0, 200) ?? '';
	const { publication, query } = readInlineQuery(typed, publications);
	const found: Found[] =
		query === '' || !/[\p{L}\p{N}]/u.test(query)
			? publication === undefined && publications.several()
				? latestOfEach(archive, publications)
				: latestStories(archive, publication)
			: archive.search(query, maxResults, publication).map((hit) => ({ issue: hit.issue, story: hit.story }));
	const username = ctx.me.username;
	// The card and its button in the sharer's language; the story itself stays as written.
	const t = translatorFor(ctx.from?.language_code);
	const nameOf = publications.several() ? (slug: string): string => publications.nameOf(slug) : undefined;
	const results = found.map(({ issue, story }) => buildResult(issue, story, username, t, nameOf));
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

/**
 * "rust async": a leading publication slug narrows the stories to that publication
 * (`readLeadingPublication`), only with several publications, so that with one "@bot digest"
 * still searches for the word.
 */
export function readInlineQuery(typed: string, publications: PublicationCatalogue): { publication?: string; query: string } {
	const { publication, rest } = readLeadingPublication(typed, publications);
	return { ...(publication ? { publication } : {}), query: rest };
}

type Found = { readonly issue: ArchivedIssue; readonly story: Story };

/** A result in both forms: rich content where the card renders as one rich message, and text. */
interface InlineResult {
	readonly text: InlineQueryResultArticle;
	readonly card: CardBlock;
}

function asRich(result: InlineResult): InlineQueryResultArticle {
	const rich = richInlineContent([result.card]);
	return rich ? { ...result.text, input_message_content: rich.content } : result.text;
}

function latestStories(archive: Archive, publication?: string, count = maxResults): Found[] {
	const latest = archive.latest(publication);
	return latest ? latest.issue.stories.slice(0, count).map((story) => ({ issue: latest, story })) : [];
}

/**
 * An empty query with several publications: the latest issue of each, in the catalogue's order,
 * its first stories sharing the usual handful (at least the top one each), so no publication is
 * crowded out by the one that published last. Telegram takes at most 50 results.
 */
function latestOfEach(archive: Archive, publications: PublicationCatalogue): Found[] {
	const listed = publications.list();
	const each = Math.max(1, Math.floor(maxResults / listed.length));
	return listed.flatMap((publication) => latestStories(archive, publication.slug, each)).slice(0, maxTelegramResults);
}

/** `nameOf` is given when there are several publications: each result then names its own. */
function buildResult(issue: ArchivedIssue, story: Story, username: string, t: Translator, nameOf?: (slug: string) => string): InlineResult {
	const card = storyCard(issue, story, t);
	const first = renderReply([card]).parts[0] ?? { text: card.title, entities: [] };
	const about = story.whyItMatters ? plainText(story.whyItMatters).replace(/^\s*why it matters:?\s*/i, '') : issue.issue.title;
	const description = nameOf ? `${nameOf(issue.publication)} · ${about}` : about;
	const text: InlineQueryResultArticle = {
		type: 'article',
		id: resultId(issue.issue.id, story.number),
		title: `${story.number}. ${story.title}`.slice(0, 256),
		description: description.slice(0, 200),
		input_message_content: { message_text: first.text, entities: [...first.entities], link_preview_options: { is_disabled: true } },
		reply_markup: new InlineKeyboard().url(t.text('button-open-in-bot'), storyDeepLink(username, issue.issue.id, story.number)),
	};
	return { text, card };
}

/**
 * Result ids are 1–64 bytes and distinct within an answer. Issue ids are unique across
 * publications, so `<issue id>-s<story>` is distinct; an id too long for that (a long undated
 * title under a publication's slug) is replaced by a digest of it rather than cut, since two cut
 * ids could collide and make Telegram refuse the whole answer.
 */
export function resultId(issueId: string, storyNumber: number): string {
	const id = `${issueId}-s${storyNumber}`;
	return Buffer.byteLength(id, 'utf8') <= 64 ? id : `h${createHash('sha256').update(issueId).digest('base64url').slice(0, 43)}-s${storyNumber}`;
}
