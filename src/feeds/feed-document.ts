import { parseFeed, type AnyFeed } from 'feedsmith';

/** One entry of a feed, whatever the format it came in. */
export interface FeedItem {
	/** guid (RSS), id (Atom, JSON Feed), else the link: what makes an edited item the same item. */
	readonly key: string;
	readonly title?: string;
	/** ISO 8601, when the item carries a readable date. */
	readonly date?: string;
	readonly link?: string;
	/** The full body as HTML (`content:encoded`, Atom `content`, `content_html`), else the summary. */
	readonly html?: string;
	/** JSON Feed `content_text` when there is no HTML. */
	readonly text?: string;
	readonly author?: string;
}

export type FeedDocument =
	| { readonly kind: 'feed'; readonly title?: string; readonly items: readonly FeedItem[] }
	/** An HTML page; `alternate` is the feed it names in `<link rel="alternate">`, if any. */
	| { readonly kind: 'html'; readonly alternate?: string }
	| { readonly kind: 'invalid'; readonly reason: string };

/** Reads fetched bytes as a feed. Never throws: what is not a feed says why in `reason`. */
export function readFeedDocument(body: Buffer, contentType: string, baseUrl: string): FeedDocument {
	const text = body.toString('utf8').replace(/^\uFEFF/, '');
	const head = text.trimStart().slice(0, 512).toLowerCase();
	if (contentType.includes('text/html') || head.startsWith('<!doctype html') || head.startsWith('<html')) {
		const alternate = findAlternateFeed(text, baseUrl);
		return alternate ? { kind: 'html', alternate } : { kind: 'html' };
	}
	let parsed: AnyFeed;
	try {
		parsed = parseFeed(text);
	} catch (error) {
		const name = (error as Error).name;
		const type = contentType.split(';')[0]?.trim() || 'no content type';
		if (name === 'DetectError') return { kind: 'invalid', reason: `not a feed: got ${type}` };
		return { kind: 'invalid', reason: `not a feed: bad ${text.trimStart().startsWith('{') ? 'JSON' : 'XML'}` };
	}
	return normalise(parsed);
}

function normalise(parsed: AnyFeed): FeedDocument {
	switch (parsed.format) {
		case 'rss':
		case 'rdf': {
			const feed = parsed.feed;
			const items = (feed.items ?? []).map((item): FeedItem | undefined => {
				const rss = item as NonNullable<typeof feed.items>[number] & { guid?: { value?: string }; pubDate?: string; description?: string; authors?: { name?: string }[] };
				const key = rss.guid?.value ?? item.link ?? item.title;
				if (!key) return undefined;
				const html = item.content?.encoded ?? rss.description;
				const date = toIso(rss.pubDate ?? item.dc?.dates?.[0]);
				const author = rss.authors?.[0]?.name ?? item.dc?.creators?.[0];
				return compact({ key, title: item.title, date, link: item.link, html, author });
			});
			return { kind: 'feed', ...(feed.title ? { title: feed.title } : {}), items: items.filter((item) => item !== undefined) };
		}
		case 'atom': {
			const feed = parsed.feed;
			const items = (feed.entries ?? []).map((entry): FeedItem | undefined => {
				const link = entry.links?.find((candidate) => !candidate.rel || candidate.rel === 'alternate')?.href ?? entry.links?.[0]?.href;
				const key = entry.id ?? link;
				if (!key) return undefined;
				return compact({
					key,
					title: textOf(entry.title),
					date: toIso(entry.published ?? entry.updated),
					link,
					html: textOf(entry.content) ?? textOf(entry.summary),
					author: entry.authors?.[0]?.name,
				});
			});
			return { kind: 'feed', ...(textOf(feed.title) ? { title: textOf(feed.title)! } : {}), items: items.filter((item) => item !== undefined) };
		}
		case 'json': {
			const feed = parsed.feed;
			const items = (feed.items ?? []).map((item): FeedItem | undefined => {
				const key = item.id ?? item.url;
				if (!key) return undefined;
				return compact({
					key: String(key),
					title: item.title,
					date: toIso(item.date_published ?? item.date_modified),
					link: item.url,
					html: item.content_html ?? item.summary,
					text: item.content_html ? undefined : item.content_text,
					author: item.authors?.[0]?.name,
				});
			});
			return { kind: 'feed', ...(feed.title ? { title: feed.title } : {}), items: items.filter((item) => item !== undefined) };
		}
	}
}

/** Atom text constructs come as `{ value }`; plain strings elsewhere. */
function textOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
	return undefined;
}

function toIso(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function compact(item: { [K in keyof FeedItem]: FeedItem[K] | undefined }): FeedItem {
	return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined && value !== '')) as unknown as FeedItem;
}

const feedTypes = /^(application\/(rss|atom|feed|rdf)\+xml|application\/(feed\+)?json|text\/xml|application\/xml)$/i;

/**
 * The first `<link rel="alternate">` naming a feed type. A tag scan, not an HTML parser: the
 * one thing read is a void element's attributes in the page head, which a regex reads as
 * well as a DOM would, and no HTML parser is a dependency of the bot.
 */
export function findAlternateFeed(html: string, baseUrl: string): string | undefined {
	for (const tag of html.slice(0, 512 * 1024).match(/<link\b[^>]*>/gi) ?? []) {
		const attributes = new Map<string, string>();
		for (const match of tag.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) attributes.set(match[1]!.toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
		const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
		const href = attributes.get('href');
		if (!rel.includes('alternate') || !href || !feedTypes.test((attributes.get('type') ?? '').trim())) continue;
		try {
			return new URL(href.replace(/&amp;/g, '&'), baseUrl).toString();
		} catch {
			continue;
		}
	}
	return undefined;
}
