import { parseFeed } from 'feedsmith';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { createFeedRoutes } from '../../src/http/feed-routes.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { sampleDigest } from '../delivery/delivery-harness.js';
import { archiveWith } from '../helpers/archive-fixture.js';

let server: HttpServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function serve(archive: Archive): Promise<string> {
	server = createHttpServer({ routes: createFeedRoutes({ issues: () => archive.list(), title: () => 'AI Digest' }) });
	const port = await server.listen(0, '127.0.0.1');
	return `http://127.0.0.1:${port}`;
}

function dates(count: number): string[] {
	return Array.from({ length: count }, (_, index) => new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10));
}

describe('when a feed reader asks for /feed.xml', () => {
	it('then it gets RSS 2.0 that feedsmith reads back: the latest 50 issues, newest first, stories as HTML', async () => {
		const base = await serve(await archiveWith(...dates(55).map((date) => sampleDigest(date))));
		const response = await fetch(`${base}/feed.xml`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
		const parsed = parseFeed(await response.text());
		if (parsed.format !== 'rss') throw new Error(`expected RSS, got ${parsed.format}`);
		const items = parsed.feed.items ?? [];
		expect(parsed.feed.title).toBe('AI Digest');
		expect(items).toHaveLength(50);
		expect(items[0]?.guid?.value).toBe('urn:digestbot:issue:2026-02-24');
		expect(items[49]?.guid?.value).toBe('urn:digestbot:issue:2026-01-06');
		expect(new Date(items[0]!.pubDate!).toISOString()).toBe('2026-02-24T00:00:00.000Z');
		const html = items[0]?.content?.encoded ?? '';
		expect(html).toContain('<h2>Policy &amp; Regulation</h2>');
		expect(html).toMatch(/<h3>\d+\. Chips get cheaper<\/h3>/);
		expect(html).toContain('A new model');
		// fetch asks for gzip and inflates it: the body above came compressed.
		expect(response.headers.get('content-encoding')).toBe('gzip');
	});

	it('then a second request with the ETag is answered 304, and a new issue changes the ETag', async () => {
		const archive = await archiveWith(sampleDigest('2026-03-01'));
		const base = await serve(archive);
		const first = await fetch(`${base}/feed.xml`);
		const etag = first.headers.get('etag')!;
		expect(first.headers.get('cache-control')).toBe('public, max-age=300');
		expect((await fetch(`${base}/feed.xml`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
		const text = sampleDigest('2026-03-08');
		await archive.put({ ...(await archiveWith(text)).latest()!.issue }, { bytes: text, file: '2026-03-08.md' });
		const after = await fetch(`${base}/feed.xml`, { headers: { 'If-None-Match': etag } });
		expect(after.status).toBe(200);
		expect(after.headers.get('etag')).not.toBe(etag);
	});
});

describe('when a feed reader asks for /feed.json', () => {
	it('then it gets JSON Feed 1.1 with the same issues and their HTML', async () => {
		const base = await serve(await archiveWith(sampleDigest('2026-03-01'), sampleDigest('2026-03-08')));
		const response = await fetch(`${base}/feed.json`);
		expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
		const body = (await response.json()) as { version: string; feed_url: string; items: { id: string; content_html: string; date_published: string }[] };
		expect(body.version).toBe('https://jsonfeed.org/version/1.1');
		expect(body.feed_url).toBe(`${base}/feed.json`);
		expect(body.items.map((item) => item.id)).toEqual(['urn:digestbot:issue:2026-03-08', 'urn:digestbot:issue:2026-03-01']);
		expect(body.items[0]?.content_html).toContain('Rules get stricter');
		expect(parseFeed(JSON.stringify(body)).format).toBe('json');
	});
});
