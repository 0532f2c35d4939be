import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultFetchLimits, fetchFeed, readRetryAfter, type FetchLimits } from '../../src/feeds/feed-fetcher.js';
import { entry, rssFeed } from '../builders/feed-builder.js';
import { FakeFeedHost } from '../fakes/feed-host.js';

const limits: FetchLimits = { ...defaultFetchLimits, allowPrivate: true };
let host: FakeFeedHost;

beforeEach(async () => {
	host = await FakeFeedHost.start();
});

afterEach(async () => {
	await host.close();
});

describe('when a feed sends an ETag', () => {
	it('then the next fetch sends If-None-Match and a 304 comes back as not modified', async () => {
		host.feed('/rss', { body: rssFeed([entry('a', '2026-11-02T08:00:00Z')]), etag: true, cacheControl: 'public, max-age=600' });
		const first = await fetchFeed(host.url('/rss'), {}, limits);
		expect(first).toMatchObject({ kind: 'fetched', maxAgeMs: 600_000 });
		if (first.kind !== 'fetched') throw new Error('unreachable');
		expect(first.validators.etag).toMatch(/^"/);
		const second = await fetchFeed(host.url('/rss'), first.validators, limits);
		expect(second.kind).toBe('not-modified');
		expect(host.requestsTo('/rss')[1]?.headers['if-none-match']).toBe(first.validators.etag);
	});
});

describe('when a feed sends only Last-Modified', () => {
	it('then the next fetch sends If-Modified-Since and gets a 304', async () => {
		host.feed('/rss', { body: rssFeed([entry('a', '2026-11-02T08:00:00Z')]), lastModified: true });
		const first = await fetchFeed(host.url('/rss'), {}, limits);
		if (first.kind !== 'fetched') throw new Error(`expected a body, got ${first.kind}`);
		expect(first.validators).toEqual({ lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' });
		expect((await fetchFeed(host.url('/rss'), first.validators, limits)).kind).toBe('not-modified');
		expect(host.requestsTo('/rss')[1]?.headers['if-modified-since']).toBe('Sun, 01 Nov 2026 00:00:00 GMT');
	});
});

describe('when a feed answers slower than the timeout', () => {
	it('then the fetch gives up with "timed out" instead of hanging', async () => {
		host.route('/slow', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.write('<rss>');
			// Never ends: the fetcher's clock must stop it.
		});
		const started = Date.now();
		const result = await fetchFeed(host.url('/slow'), {}, { ...limits, timeoutMs: 300 });
		expect(result).toEqual({ kind: 'failed', reason: 'timed out after 0.3 s' });
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});

describe('when a feed answers 429 with Retry-After', () => {
	it('then the failure carries the wait the server asked for', async () => {
		host.route('/busy', (_request, response) => {
			response.writeHead(429, { 'Retry-After': '7200' });
			response.end();
		});
		expect(await fetchFeed(host.url('/busy'), {}, limits)).toEqual({ kind: 'failed', status: 429, reason: 'HTTP 429', retryAfterMs: 7_200_000 });
		expect(readRetryAfter('Wed, 02 Dec 2026 01:00:00 GMT', Date.parse('2026-12-02T00:00:00Z'))).toBe(3_600_000);
	});
});

describe('when a feed body is larger than 10 MB', () => {
	it('then a plain 12 MB body is refused', async () => {
		const big = Buffer.alloc(12 * 1024 * 1024, 'a');
		host.route('/big', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.end(big);
		});
		expect(await fetchFeed(host.url('/big'), {}, limits)).toEqual({ kind: 'failed', reason: 'larger than 10 MB' });
	});

	it('then a small gzip that inflates to 12 MB is refused too, while a normal gzip feed is read', async () => {
		const bomb = gzipSync(Buffer.alloc(12 * 1024 * 1024, ' '));
		host.route('/bomb', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': 'gzip' });
			response.end(bomb);
		});
		expect(bomb.length).toBeLessThan(100_000);
		expect(await fetchFeed(host.url('/bomb'), {}, limits)).toEqual({ kind: 'failed', reason: 'larger than 10 MB' });
		const body = rssFeed([entry('g', '2026-11-02T08:00:00Z')]);
		host.feed('/gz', { body, gzip: true });
		const result = await fetchFeed(host.url('/gz'), {}, limits);
		expect(result.kind === 'fetched' && result.body.toString('utf8')).toBe(body);
	});
});

describe('when a feed redirects', () => {
	it('then up to five redirects are followed and a loop is given up', async () => {
		host.route('/loop-a', (_request, response) => {
			response.writeHead(302, { Location: '/loop-b' });
			response.end();
		});
		host.route('/loop-b', (_request, response) => {
			response.writeHead(301, { Location: '/loop-a' });
			response.end();
		});
		expect(await fetchFeed(host.url('/loop-a'), {}, limits)).toEqual({ kind: 'failed', reason: 'more than 5 redirects' });
		expect(host.requests).toHaveLength(6);
		host.feed('/final', { body: rssFeed([entry('r', '2026-11-02T08:00:00Z')]) });
		host.route('/moved', (_request, response) => {
			response.writeHead(301, { Location: host.url('/final') });
			response.end();
		});
		expect(await fetchFeed(host.url('/moved'), {}, limits)).toMatchObject({ kind: 'fetched', url: host.url('/final') });
	});
});

describe('when a feed URL points at a private address', () => {
	it('then it is refused unless FEED_ALLOW_PRIVATE allows it, and so is a redirect there', async () => {
		host.feed('/rss', { body: rssFeed([entry('a', '2026-11-02T08:00:00Z')]) });
		const strict = { ...limits, allowPrivate: false };
		expect(await fetchFeed(host.url('/rss'), {}, strict)).toEqual({ kind: 'failed', reason: 'private address refused (set FEED_ALLOW_PRIVATE=true to allow)' });
		expect(await fetchFeed('http://localhost:9/rss', {}, strict)).toMatchObject({ reason: expect.stringContaining('private address') });
		expect(await fetchFeed('http://[::1]:9/rss', {}, strict)).toMatchObject({ reason: expect.stringContaining('private address') });
		expect(await fetchFeed('ftp://example.org/rss', {}, strict)).toEqual({ kind: 'failed', reason: 'ftp URLs are not followed (http and https only)' });
		expect(host.requests).toHaveLength(0);
	});
});

describe('when an https feed does not speak TLS', () => {
	it('then the reason is "TLS error"', async () => {
		host.feed('/rss', { body: rssFeed([entry('a', '2026-11-02T08:00:00Z')]) });
		expect(await fetchFeed(host.url('/rss').replace('http:', 'https:'), {}, limits)).toEqual({ kind: 'failed', reason: 'TLS error' });
	});
});

describe('when a feed answers 500 or its host refuses connections', () => {
	it('then the reason is what an operator can act on', async () => {
		host.route('/broken', (_request, response) => {
			response.writeHead(500);
			response.end();
		});
		expect(await fetchFeed(host.url('/broken'), {}, limits)).toEqual({ kind: 'failed', status: 500, reason: 'HTTP 500' });
		const closed = host.url('/x');
		await host.close();
		expect(await fetchFeed(closed, {}, limits)).toEqual({ kind: 'failed', reason: 'connection refused' });
		host = await FakeFeedHost.start();
	});
});
