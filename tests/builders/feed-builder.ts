import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith';

/** One post of a test feed. */
export interface FeedEntry {
	readonly id: string;
	readonly title: string;
	/** ISO 8601. */
	readonly date?: string;
	readonly link?: string;
	readonly html?: string;
	readonly text?: string;
}

/** A post whose HTML has two stories, so the issue it becomes is recognisably a digest. */
export function entry(id: string, date: string, title = `Issue ${id}`, body = `${title} body`): FeedEntry {
	return {
		id,
		title,
		date,
		link: `https://news.example.org/p/${id}`,
		html: `<p>${body}: the week in short.</p><h2>First story of ${id}</h2><p>What happened first, in a sentence or two.</p><h2>Second story of ${id}</h2><p>What happened next, and why it matters.</p>`,
	};
}

/** RSS 2.0 with content:encoded, as Substack, Ghost and most generators publish it (built by feedsmith). */
export function rssFeed(entries: readonly FeedEntry[], title = 'Example Weekly'): string {
	return generateRssFeed({
		title,
		link: 'https://news.example.org/',
		description: 'A newsletter for tests',
		items: entries.map((item) => ({
			title: item.title,
			...(item.link ? { link: item.link } : {}),
			guid: { value: item.id, isPermaLink: false },
			...(item.date ? { pubDate: new Date(item.date) } : {}),
			...(item.html ? { content: { encoded: item.html } } : {}),
			...(item.text ? { description: item.text } : {}),
		})),
	});
}

export function atomFeed(entries: readonly FeedEntry[], title = 'Example Weekly'): string {
	return generateAtomFeed({
		id: 'https://news.example.org/',
		title: { value: title },
		updated: new Date(entries[0]?.date ?? '2026-11-01T00:00:00Z'),
		entries: entries.map((item) => ({
			id: item.id,
			title: { value: item.title },
			updated: new Date(item.date ?? '2026-11-01T00:00:00Z'),
			...(item.date ? { published: new Date(item.date) } : {}),
			...(item.link ? { links: [{ href: item.link, rel: 'alternate' }] } : {}),
			...(item.html ? { content: { value: item.html, type: 'html' as const } } : {}),
		})),
	});
}

export function jsonFeed(entries: readonly FeedEntry[], title = 'Example Weekly'): string {
	return JSON.stringify(
		generateJsonFeed({
			title,
			items: entries.map((item) => ({
				id: item.id,
				title: item.title,
				...(item.link ? { url: item.link } : {}),
				...(item.date ? { date_published: new Date(item.date) } : {}),
				...(item.html ? { content_html: item.html } : {}),
				...(item.text ? { content_text: item.text } : {}),
			})),
		}),
	);
}
