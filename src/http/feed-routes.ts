import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ArchivedIssue } from '../archive/archive.js';
import { generateArchiveJsonFeed, generateArchiveRss, type ArchiveFeedOptions, type GeneratedFeed } from '../feeds/archive-feed.js';
import { HttpRequestError } from '../errors/http-request-error.js';
import type { HttpRoute } from './http-server.js';

export interface FeedRoutesOptions {
	/**
	 * The archive's issues, newest first (`Archive.list`): every publication's, or with
	 * `?publication=SLUG` that one's; undefined for a publication the bot does not have (404).
	 */
	readonly issues: (publication?: string) => readonly ArchivedIssue[] | undefined;
	readonly title: (publication?: string) => string;
}

/**
 * `GET /feed.xml` (RSS 2.0) and `GET /feed.json` (JSON Feed 1.1): the archive's latest issues
 * for any feed reader, all publications together or one with `?publication=SLUG`. Public by design (the issue allows it: they carry only what subscribers
 * are sent), read-only, and cacheable: an ETag per body and 304 on a match, so a reader polling
 * every few minutes costs a header.
 */
export function createFeedRoutes(options: FeedRoutesOptions): HttpRoute[] {
	return [
		createFeedRoute('/feed.xml', 'application/rss+xml; charset=utf-8', generateArchiveRss, options),
		createFeedRoute('/feed.json', 'application/feed+json; charset=utf-8', generateArchiveJsonFeed, options),
	];
}

function createFeedRoute(path: string, contentType: string, generate: (entries: readonly ArchivedIssue[], options: ArchiveFeedOptions) => GeneratedFeed, options: FeedRoutesOptions): HttpRoute {
	// `Archive.list()` returns a new array whenever an issue is added or changes: it keys the cache, one per publication.
	const cache = new Map<string, { list: readonly ArchivedIssue[]; baseUrl: string; feed: GeneratedFeed; gzipped?: Buffer }>();
	return {
		method: 'GET',
		path,
		handle(request, response) {
			const publication = new URL(request.url ?? '/', 'http://localhost').searchParams.get('publication') ?? undefined;
			const list = options.issues(publication);
			if (!list) throw new HttpRequestError(404, 'unknown-publication', 'no publication has this slug');
			const baseUrl = baseUrlOf(request);
			const key = publication ?? '';
			let entry = cache.get(key);
			if (entry?.list !== list || entry.baseUrl !== baseUrl) {
				entry = { list, baseUrl, feed: generate(list, { baseUrl, title: options.title(publication) }) };
				cache.set(key, entry);
			}
			const sent = entry;
			sendFeed(request, response, sent.feed, contentType, () => (sent.gzipped ??= gzipSync(sent.feed.body)));
		},
	};
}

/** Fifty issues of HTML are about a megabyte, a tenth of that gzipped: worth it for every reader that asks. */
function sendFeed(request: IncomingMessage, response: ServerResponse, feed: GeneratedFeed, contentType: string, gzipped: () => Buffer): void {
	response.setHeader('ETag', feed.etag);
	response.setHeader('Cache-Control', 'public, max-age=300');
	response.setHeader('Vary', 'Accept-Encoding');
	const wanted = request.headers['if-none-match'];
	if (wanted && wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === feed.etag)) {
		response.statusCode = 304;
		response.end();
		return;
	}
	response.statusCode = 200;
	response.setHeader('Content-Type', contentType);
	if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
		const body = gzipped();
		response.setHeader('Content-Encoding', 'gzip');
		response.setHeader('Content-Length', body.length);
		response.end(body);
		return;
	}
	response.setHeader('Content-Length', Buffer.byteLength(feed.body));
	response.end(feed.body);
}

/** The self links follow the address the reader used; only the host name is taken from the request. */
function baseUrlOf(request: IncomingMessage): string {
	const host = /^[\w.-]+(:\d{1,5})?$|^\[[\da-f:]+\](:\d{1,5})?$/i.test(request.headers.host ?? '') ? request.headers.host! : 'localhost';
	const proto = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
	return `${proto}://${host}`;
}
