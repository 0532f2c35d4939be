import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { Keyv } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { createFeedRoutes } from '../../src/http/feed-routes.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { ingestDirectory } from '../../src/ingest/ingest.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createPublicationSources } from '../../src/publications/publication-sources.js';
import { buildDigest } from '../builders/digest-builder.js';
import { entry, rssFeed } from '../builders/feed-builder.js';
import { FakeFeedHost } from '../fakes/feed-host.js';
import { startFeedBot, type FeedBot } from '../feeds/feed-harness.js';

let folder: string;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-pubs-'));
});
afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

const digest = (date: string, title = 'Weekly'): string => buildDigest({ title, date, top: [{ title: `Story of ${date}` }] });

describe('when DIGEST_DIR holds files and a sub-folder of files with the same dates and titles', () => {
	it('then each sub-folder is a publication numbered on its own, and no issue overwrites another', async () => {
		await mkdir(join(folder, 'rust'));
		await writeFile(join(folder, '2026-04-01.md'), digest('2026-04-01'));
		await writeFile(join(folder, '2026-04-08.md'), digest('2026-04-08'));
		await writeFile(join(folder, 'rust', '2026-04-01.md'), digest('2026-04-01'));
		const archive = new Archive(createKeyvIssueStore(new Keyv()), { publicationOf: createPublicationSources({ digestDir: folder }).of });
		await ingestDirectory(archive, folder);

		expect(archive.size).toBe(3);
		expect([...archive.publications().keys()].sort()).toEqual(['digest', 'rust']);
		expect(archive.list('digest').map((entry) => [entry.id, entry.number])).toEqual([['2026-04-08', 2], ['2026-04-01', 1]]);
		expect(archive.list('rust').map((entry) => [entry.id, entry.number])).toEqual([['rust-2026-04-01', 1]]);
		expect(archive.find('1', 'rust')?.file).toBe(join(folder, 'rust', '2026-04-01.md'));
		expect(archive.find('1', 'digest')?.file).toBe(join(folder, '2026-04-01.md'));
		expect(archive.latest('rust')?.id).toBe('rust-2026-04-01');

		// Read again (a restart): the same ids, so nothing is filed twice or posted again.
		const reports = await ingestDirectory(archive, folder);
		expect(reports.map((report) => report.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
	});
});

describe('when data written by the version before publications is opened', () => {
	it('then every issue keeps its id, a feed item joins its feed, the folder the default, and one publication numbers as before', async () => {
		const keyv = new Keyv();
		const text = digest('2026-03-03');
		const feedText = digest('2026-03-10', 'Example Weekly');
		// Exactly what the previous version's issue store wrote: no publication field.
		const old = [
			{ issue: parseIssue(text, { file: join(folder, '2026-03-03.md') }).issue, hash: 'h1', file: join(folder, '2026-03-03.md'), ingestedAt: '2026-03-03T08:00:00.000Z' },
			{ issue: { ...parseIssue(feedText).issue, publication: 'Example Weekly' }, hash: 'h2', file: 'feed:https://news.example.org/rss#a', ingestedAt: '2026-03-10T08:00:00.000Z' },
		];
		for (const stored of old) await keyv.set(`issue:${stored.issue.id}`, stored);
		await keyv.set('issues:index', old.map((stored) => stored.issue.id));

		const archive = new Archive(createKeyvIssueStore(keyv), { publicationOf: createPublicationSources({ digestDir: folder }).of });
		await archive.load();
		expect(archive.list().map((entry) => [entry.id, entry.publication, entry.number])).toEqual([
			['2026-03-10', 'example-weekly', 1],
			['2026-03-03', 'digest', 1],
		]);
		// The records themselves are left as they were: nothing is rewritten to open them.
		expect(await keyv.get('issue:2026-03-03')).toEqual(old[0]);

		const single = new Archive(createKeyvIssueStore(keyv));
		await single.load();
		expect(single.list().map((entry) => [entry.id, entry.number])).toEqual([['2026-03-10', 2], ['2026-03-03', 1]]);
	});
});

describe('when two feeds carry items with the same titles, ids and dates', () => {
	let host: FakeFeedHost;
	let bot: FeedBot | undefined;
	beforeEach(async () => {
		host = await FakeFeedHost.start();
	});
	afterEach(async () => {
		await bot?.stop();
		await host.close();
	});

	it('then each feed is its own publication with its own #1, and neither item replaces the other', async () => {
		const items = [entry('03', '2026-11-13T08:00:00Z', 'Issue #03')];
		host.feed('/alpha', { body: rssFeed(items, 'Alpha Weekly') });
		host.feed('/beta', { body: rssFeed(items, 'Beta Weekly') });
		bot = await startFeedBot([host.url('/alpha'), host.url('/beta')], { archiveOptions: { publicationOf: createPublicationSources().of } });
		await bot.advance(0);

		const archive = bot.archive;
		expect(archive.size).toBe(2);
		expect([...archive.publications().keys()].sort()).toEqual(['alpha-weekly', 'beta-weekly']);
		for (const slug of ['alpha-weekly', 'beta-weekly']) {
			expect(archive.find('1', slug)?.title).toBe('Issue #03');
			expect(archive.find('1', slug)?.file).toContain(slug === 'alpha-weekly' ? '/alpha#' : '/beta#');
		}
		expect(new Set(archive.list().map((entry) => entry.id)).size).toBe(2);
	});
});

describe('when a feed reader asks for one publication\'s feed', () => {
	it('then /feed.xml?publication=SLUG holds only its issues, /feed.xml all of them, and an unknown slug is a 404', async () => {
		await mkdir(join(folder, 'rust'));
		await writeFile(join(folder, '2026-04-01.md'), digest('2026-04-01'));
		await writeFile(join(folder, '2026-04-08.md'), digest('2026-04-08'));
		await writeFile(join(folder, 'rust', '2026-04-01.md'), digest('2026-04-01'));
		const archive = new Archive(createKeyvIssueStore(new Keyv()), { publicationOf: createPublicationSources({ digestDir: folder }).of });
		await ingestDirectory(archive, folder);
		const server = createHttpServer({
			routes: createFeedRoutes({
				issues: (publication) => (publication === undefined ? archive.list() : archive.publications().has(publication) ? archive.list(publication) : undefined),
				title: (publication) => publication ?? 'All',
			}),
		});
		const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
		try {
			const guids = async (query: string): Promise<string[]> => {
				const parsed = parseFeed(await (await fetch(`${base}/feed.xml${query}`)).text());
				return parsed.format === 'rss' ? (parsed.feed.items ?? []).map((item) => item.guid?.value ?? '') : [];
			};
			expect(await guids('')).toHaveLength(3);
			expect(await guids('?publication=rust')).toEqual(['urn:digestbot:issue:rust-2026-04-01']);
			expect(await guids('?publication=digest')).toEqual(['urn:digestbot:issue:2026-04-08', 'urn:digestbot:issue:2026-04-01']);
			expect((await fetch(`${base}/feed.json?publication=nope`)).status).toBe(404);
		} finally {
			await server.close();
		}
	});
});
