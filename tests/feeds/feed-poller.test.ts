import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFeed } from '../../src/feeds/feed-poller.js';
import { atomFeed, entry, jsonFeed, rssFeed } from '../builders/feed-builder.js';
import { FakeFeedHost, type ServedFeed } from '../fakes/feed-host.js';
import { minute, startFeedBot, type FeedBot } from './feed-harness.js';

let host: FakeFeedHost;
let bot: FeedBot | undefined;

beforeEach(async () => {
	host = await FakeFeedHost.start();
});

afterEach(async () => {
	await bot?.stop();
	bot = undefined;
	await host.close();
});

async function botFor(path: string, options: { timeoutMs?: number } = {}): Promise<FeedBot> {
	bot = await startFeedBot([host.url(path)], options);
	return bot;
}

const archivedOnly = { state: 'skipped', queued: 0 };

/** A bot whose first poll of /rss (one item, issue 2026-11-13) is done: what comes next is new. */
async function primedBot(): Promise<{ served: ServedFeed; feedBot: FeedBot }> {
	const served = host.feed('/rss', { body: rssFeed([entry('a', '2026-11-13T08:00:00Z')]) });
	const feedBot = await botFor('/rss');
	await feedBot.advance(0);
	return { served, feedBot };
}

describe('when a feed is polled for the first time', () => {
	it('then its items are archived as issues without posting, and only a later item is posted', async () => {
		const served = host.feed('/rss', { body: rssFeed([entry('b', '2026-11-20T08:00:00Z'), entry('a', '2026-11-13T08:00:00Z')]), etag: true });
		const feedBot = await botFor('/rss');
		await feedBot.advance(0);
		expect(feedBot.archive.list().map((issue) => issue.title)).toEqual(['Issue b', 'Issue a']);
		const archived = feedBot.archive.get('2026-11-20')!;
		expect(archived.issue.link).toBe('https://news.example.org/p/b');
		expect(archived.issue.stories.map((story) => story.title)).toEqual(['First story of b', 'Second story of b']);
		expect(await feedBot.broadcast('2026-11-20')).toEqual(archivedOnly);
		expect(await feedBot.broadcast('2026-11-13')).toEqual(archivedOnly);

		served.body = rssFeed([entry('c', '2026-11-27T08:00:00Z'), entry('b', '2026-11-20T08:00:00Z'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		await feedBot.waitForPosts(1);
		expect(feedBot.posted()).toEqual(['2026-11-27']);
	});
});

describe('when a feed has not changed', () => {
	it('then the poll sends its ETag, gets a 304, and files nothing again', async () => {
		host.feed('/rss', { body: rssFeed([entry('a', '2026-11-13T08:00:00Z')]), etag: true });
		const feedBot = await botFor('/rss');
		await feedBot.advance(0);
		const results = await (async () => {
			await feedBot.advance(15 * minute);
			return host.requestsTo('/rss');
		})();
		expect(results).toHaveLength(2);
		expect(results[1]?.headers['if-none-match']).toMatch(/^"/);
		expect((await feedBot.state(host.url('/rss')))?.lastSuccessAt).toBe(new Date(feedBot.now()).toISOString());
	});
});

describe('when an item is edited in place', () => {
	it('then its issue is updated and it is not posted a second time', async () => {
		const { served, feedBot } = await primedBot();
		served.body = rssFeed([entry('n', '2026-11-27T08:00:00Z', 'New issue'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		await feedBot.waitForPosts(1);
		served.body = rssFeed([entry('n', '2026-11-27T08:00:00Z', 'New issue, corrected', 'Fixed typo'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		expect(feedBot.archive.get('2026-11-27')?.title).toBe('New issue, corrected');
		expect(feedBot.archive.size).toBe(2);
		expect(await feedBot.broadcast('2026-11-27')).toMatchObject({ queued: 1 });
		expect(feedBot.posted()).toEqual(['2026-11-27']);
	});
});

describe('when two new items appear at once', () => {
	it('then both are posted, the older first', async () => {
		const { served, feedBot } = await primedBot();
		served.body = rssFeed([entry('late', '2026-11-28T18:00:00Z', 'Friday issue'), entry('early', '2026-11-26T08:00:00Z', 'Wednesday issue'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		await feedBot.waitForPosts(2);
		expect(feedBot.posted()).toEqual(['2026-11-26', '2026-11-28']);
	});
});

describe('when an item older than the newest known one appears late', () => {
	it('then it is archived but not broadcast, while a genuinely new item is', async () => {
		const { served, feedBot } = await primedBot();
		served.body = rssFeed([entry('new', '2026-11-20T08:00:00Z', 'This week'), entry('a', '2026-11-13T08:00:00Z'), entry('old', '2026-10-02T08:00:00Z', 'From the vault')]);
		await feedBot.advance(15 * minute);
		await feedBot.waitForPosts(1);
		expect(feedBot.archive.get('2026-10-02')?.title).toBe('From the vault');
		expect(await feedBot.broadcast('2026-10-02')).toEqual(archivedOnly);
		expect(feedBot.posted()).toEqual(['2026-11-20']);
	});
});

describe('when two items share a date', () => {
	it('then each gets its own issue, a new one of them is posted, and renaming it later updates that issue', async () => {
		const { served, feedBot } = await primedBot();
		served.body = rssFeed([entry('pm', '2026-11-13T18:00:00Z', 'Evening edition'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		await feedBot.waitForPosts(1);
		expect(feedBot.posted()).toEqual(['2026-11-13-evening-edition']);
		// Renaming the item keeps its issue: the guid, not the title slug, is the key.
		served.body = rssFeed([entry('pm', '2026-11-13T18:00:00Z', 'Late edition'), entry('a', '2026-11-13T08:00:00Z')]);
		await feedBot.advance(15 * minute);
		expect(feedBot.archive.size).toBe(2);
		expect(feedBot.archive.get('2026-11-13-evening-edition')?.title).toBe('Late edition');
		expect(await feedBot.broadcast('2026-11-13-evening-edition')).toMatchObject({ queued: 1 });
	});
});

describe('when a feed fails with 500 and then recovers', () => {
	it('then it backs off (twice the interval), and the next success resets the count', async () => {
		host.route('/flaky', (_request, response, hit) => {
			if (hit === 1) {
				response.writeHead(500);
				response.end();
				return;
			}
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.end(rssFeed([entry('a', '2026-11-13T08:00:00Z')]));
		});
		const feedBot = await botFor('/flaky');
		await feedBot.advance(0);
		const failed = await feedBot.state(host.url('/flaky'));
		expect(failed).toMatchObject({ failures: 1, lastError: 'HTTP 500', nextPollAt: feedBot.now() + 30 * minute });
		expect(describeFeed(failed!)).toMatchObject({ state: 'failing', reason: 'HTTP 500' });
		await feedBot.advance(20 * minute);
		expect(host.requestsTo('/flaky')).toHaveLength(1);
		await feedBot.advance(10 * minute);
		expect(await feedBot.state(host.url('/flaky'))).toMatchObject({ failures: 0, primed: true });
		expect(feedBot.archive.size).toBe(1);
	});
});

describe('when a feed answers 429 with Retry-After, or sends Cache-Control max-age', () => {
	it('then the next poll waits at least as long as the server asked', async () => {
		host.route('/busy', (_request, response) => {
			response.writeHead(429, { 'Retry-After': '7200' });
			response.end();
		});
		host.feed('/cached', { body: rssFeed([entry('a', '2026-11-13T08:00:00Z')]), cacheControl: 'max-age=3600' });
		bot = await startFeedBot([host.url('/busy'), host.url('/cached')]);
		await bot.advance(0);
		expect((await bot.state(host.url('/busy')))?.nextPollAt).toBe(bot.now() + 120 * minute);
		expect((await bot.state(host.url('/cached')))?.nextPollAt).toBe(bot.now() + 60 * minute);
	});
});

describe('when a feed answers something that is not a feed', () => {
	it('then the reason says what came back: bad XML, an HTML page, too large, too slow', async () => {
		host.route('/bad', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.end('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>broken</item></channel>');
		});
		host.route('/page', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			response.end('<!doctype html><html><head><title>Blog</title></head><body>Hello</body></html>');
		});
		host.route('/huge', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.end(Buffer.alloc(12 * 1024 * 1024, ' '));
		});
		host.route('/slow', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.write('<rss>');
		});
		// 2 s, not less: on a loaded machine 12 MB over loopback took longer than 0.5 s, and /huge
		// then read as too slow rather than too large.
		bot = await startFeedBot(['/bad', '/page', '/huge', '/slow'].map((path) => host.url(path)), { timeoutMs: 2_000 });
		await bot.advance(0);
		const reasons = (await bot.poller.status()).map((feed) => [feed.url.replace(host.origin, ''), feed.reason]);
		expect(reasons).toEqual([
			['/bad', 'not a feed: bad XML'],
			['/page', 'not a feed: got text/html'],
			['/huge', 'larger than 10 MB'],
			['/slow', 'timed out after 2 s'],
		]);
	});
});

describe('when a feed keeps failing', () => {
	it('then after 20 failures in a row it is paused with its reason until resumed, backing off up to 6 hours', async () => {
		let gone = true;
		host.route('/gone', (_request, response) => {
			if (gone) {
				response.writeHead(404);
				response.end();
				return;
			}
			response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
			response.end(rssFeed([entry('a', '2026-11-13T08:00:00Z')]));
		});
		const feedBot = await botFor('/gone');
		const url = host.url('/gone');
		await feedBot.advance(0);
		const delays: number[] = [];
		for (let failure = 2; failure <= 20; failure += 1) {
			const before = (await feedBot.state(url))!.nextPollAt! - feedBot.now();
			delays.push(before);
			await feedBot.advance(before);
		}
		expect(delays.slice(0, 4)).toEqual([30, 60, 120, 240].map((minutes) => minutes * minute));
		expect(Math.max(...delays)).toBe(6 * 60 * minute);
		const paused = await feedBot.state(url);
		expect(paused).toMatchObject({ failures: 20, pausedReason: 'HTTP 404' });
		expect((await feedBot.poller.status())[0]).toMatchObject({ state: 'paused', reason: 'HTTP 404' });
		await feedBot.advance(24 * 60 * minute);
		expect(host.requestsTo('/gone')).toHaveLength(20);

		gone = false;
		expect(await feedBot.feeds.resume(url)).toBe(true);
		await feedBot.advance(0);
		expect(await feedBot.state(url)).toMatchObject({ failures: 0, primed: true });
		expect(feedBot.archive.size).toBe(1);
	});
});

describe('when the feed URL is an HTML page that links to its feed', () => {
	it('then the feed is followed once and the stored URL updated, which FEED_URLS at the next start keeps', async () => {
		host.route('/blog', (_request, response) => {
			response.writeHead(200, { 'Content-Type': 'text/html' });
			response.end('<!doctype html><html><head><link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" title="RSS" href="/blog/feed.xml"></head><body>Posts</body></html>');
		});
		host.feed('/blog/feed.xml', { body: rssFeed([entry('a', '2026-11-13T08:00:00Z')]) });
		const feedBot = await botFor('/blog');
		await feedBot.advance(0);
		expect((await feedBot.poller.status()).map((feed) => feed.url)).toEqual([host.url('/blog/feed.xml')]);
		expect(await feedBot.state(host.url('/blog/feed.xml'))).toMatchObject({ discoveredFrom: host.url('/blog'), primed: true });
		expect(feedBot.archive.size).toBe(1);
		// A restart with the same FEED_URLS does not bring the page back.
		await feedBot.poller.seed([host.url('/blog')]);
		expect(await feedBot.feeds.list()).toHaveLength(1);
		// Taking it out of FEED_URLS stops following it; a feed added from the CLI stays.
		await feedBot.feeds.add('https://cli.example.org/feed', 'cli');
		await feedBot.poller.seed([]);
		expect((await feedBot.feeds.list()).map((feed) => feed.url)).toEqual(['https://cli.example.org/feed']);
		expect(feedBot.archive.size).toBe(1);
	});
});

describe('when a feed is Atom, JSON Feed or gzip-compressed', () => {
	it('then its items are read the same way', async () => {
		host.feed('/atom', { body: atomFeed([entry('tag:news.example.org,2026:a', '2026-11-13T08:00:00Z', 'Atom issue')]), contentType: 'application/atom+xml' });
		host.feed('/json', { body: jsonFeed([{ id: 'j1', title: 'Plain text issue', date: '2026-11-14T08:00:00Z', text: '## One story\n\nIn plain text.\n\n## Another\n\nAlso plain.' }]), contentType: 'application/feed+json' });
		host.feed('/gz', { body: rssFeed([entry('z', '2026-11-15T08:00:00Z', 'Compressed issue')]), gzip: true });
		bot = await startFeedBot([host.url('/atom'), host.url('/json'), host.url('/gz')]);
		await bot.advance(0);
		expect(bot.archive.list().map((issue) => issue.title)).toEqual(['Compressed issue', 'Plain text issue', 'Atom issue']);
		expect(bot.archive.get('2026-11-14')?.issue.stories.map((story) => story.title)).toEqual(['One story', 'Another']);
	});
});
