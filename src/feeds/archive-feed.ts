import { createHash } from 'node:crypto';
import { generateJsonFeed, generateRssFeed } from 'feedsmith';
import type { ArchivedIssue } from '../archive/archive.js';
import { renderIssueHtml } from './issue-html.js';

/** How many issues `/feed.xml` and `/feed.json` list, newest first. */
export const feedOutIssues = 50;

export interface ArchiveFeedOptions {
	/** Where the bot is reached, e.g. `https://bot.example.org`: the feeds' self links. */
	readonly baseUrl: string;
	readonly title: string;
}

export interface GeneratedFeed {
	readonly body: string;
	readonly etag: string;
}

function publishedAt(entry: ArchivedIssue): Date | undefined {
	return entry.date ? new Date(`${entry.date}T00:00:00Z`) : undefined;
}

function summaryOf(entry: ArchivedIssue): string {
	const titles = entry.issue.stories.slice(0, 10).map((story) => story.title);
	const more = entry.issue.stories.length > titles.length ? ` and ${entry.issue.stories.length - titles.length} more` : '';
	return `${titles.join(' · ')}${more}`;
}

function etagOf(body: string): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** The archive as RSS 2.0, with each issue's stories as HTML in `content:encoded`. */
export function generateArchiveRss(entries: readonly ArchivedIssue[], options: ArchiveFeedOptions): GeneratedFeed {
	const latest = entries.slice(0, feedOutIssues);
	const body = generateRssFeed({
		title: options.title,
		link: `${options.baseUrl}/`,
		description: `The latest ${latest.length} issues of ${options.title}, story by story.`,
		...(latest[0] && publishedAt(latest[0]) ? { lastBuildDate: publishedAt(latest[0])! } : {}),
		atom: { links: [{ href: `${options.baseUrl}/feed.xml`, rel: 'self', type: 'application/rss+xml' }] },
		items: latest.map((entry) => {
			const date = publishedAt(entry);
			return {
				title: entry.title,
				...(entry.issue.link ? { link: entry.issue.link } : {}),
				// Not the URL the bot is reached at: a guid must not change when the host name does.
				guid: { value: itemId(entry), isPermaLink: false },
				...(date ? { pubDate: date } : {}),
				description: summaryOf(entry),
				content: { encoded: renderIssueHtml(entry.issue) },
			};
		}),
	});
	return { body, etag: etagOf(body) };
}

/** The archive as JSON Feed 1.1, the same items as the RSS feed. */
export function generateArchiveJsonFeed(entries: readonly ArchivedIssue[], options: ArchiveFeedOptions): GeneratedFeed {
	const latest = entries.slice(0, feedOutIssues);
	const feed = generateJsonFeed({
		title: options.title,
		home_page_url: `${options.baseUrl}/`,
		feed_url: `${options.baseUrl}/feed.json`,
		items: latest.map((entry) => {
			const date = publishedAt(entry);
			return {
				id: itemId(entry),
				title: entry.title,
				...(entry.issue.link ? { url: entry.issue.link } : {}),
				...(date ? { date_published: date } : {}),
				summary: summaryOf(entry),
				content_html: renderIssueHtml(entry.issue),
			};
		}),
	});
	const body = JSON.stringify(feed);
	return { body, etag: etagOf(body) };
}

function itemId(entry: ArchivedIssue): string {
	return `urn:digestbot:issue:${entry.id}`;
}
