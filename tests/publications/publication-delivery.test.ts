import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Keyv } from 'keyv';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { loadConfig } from '../../src/config/config.js';
import { ingestDirectory, ingestFile } from '../../src/ingest/ingest.js';
import { createPublicationCatalogue, type PublicationCatalogue } from '../../src/publications/publication-catalogue.js';
import { createPublicationSources } from '../../src/publications/publication-sources.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import type { NewSubscription } from '../../src/subscriptions/subscription.js';
import { buildDigest } from '../builders/digest-builder.js';
import { entry, rssFeed } from '../builders/feed-builder.js';
import { createCapturingTransport, type CapturingTransport } from '../delivery/capturing-transport.js';
import { FakeFeedHost, type ServedFeed } from '../fakes/feed-host.js';
import { textOf } from '../helpers/archive-fixture.js';
import { startPublishingSide, type PublishingSide } from '../helpers/publishing-side.js';
import { removeKeys } from '../scale/scale-harness.js';

const minute = 60_000;
const redisUrl = 'redis://127.0.0.1:6379';
const prefix = `pubs-test-${randomUUID().slice(0, 8)}`;

let folder: string;
let host: FakeFeedHost;
let running: { side: PublishingSide; keyv: Keyv } | undefined;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-pubs-'));
	host = await FakeFeedHost.start();
});
afterEach(async () => {
	await running?.side.stop();
	await running?.keyv.disconnect();
	running = undefined;
	await host.close();
	await rm(folder, { recursive: true, force: true });
});
afterAll(async () => {
	const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
	redis.on('error', () => undefined);
	await removeKeys(redis, prefix);
	redis.disconnect();
});

const chat = (id: string, publication?: string): NewSubscription => ({ platform: 'telegram', chatId: id, kind: 'private', format: 'headlines', createdBy: id, ...(publication ? { publication } : {}) });

interface PublicationsBot {
	readonly archive: Archive;
	readonly publications: PublicationCatalogue;
	readonly transport: CapturingTransport;
	readonly feeds: { alpha: ServedFeed; beta: ServedFeed };
	advance(ms: number): Promise<void>;
	/** Per chat, the publications of the issues it was sent, in order. */
	received(): Record<string, string[]>;
}

/**
 * The folder (one digest) plus two feeds from the fake feed host whose items have the same
 * titles and numbers, on the engine the settings choose, past the first start and first poll.
 */
async function startBot(env: Record<string, string>, keyv: Keyv): Promise<PublicationsBot> {
	let time = Date.parse('2026-12-01T12:00:00Z');
	await writeFile(join(folder, '2026-11-01.md'), buildDigest({ title: 'House Digest', date: '2026-11-01', top: [{ title: 'House story' }] }));
	const alpha = host.feed('/alpha', { body: rssFeed([entry('03', '2026-11-13T08:00:00Z', 'Issue #03')], 'Alpha Weekly') });
	const beta = host.feed('/beta', { body: rssFeed([entry('03', '2026-11-13T08:00:00Z', 'Issue #03')], 'Beta Weekly') });
	const settings = loadConfig({ FEED_URLS: `${host.url('/alpha')},${host.url('/beta')}`, FEED_ALLOW_PRIVATE: 'true', FEED_POLL_MINUTES: '15', DELIVERY_CONCURRENCY: '1', DIGEST_DIR: folder, ...env });
	const archive = new Archive(createMemoryIssueStore(), { publicationOf: createPublicationSources({ digestDir: settings.digestDir }).of });
	await ingestDirectory(archive, settings.digestDir);
	const publications = createPublicationCatalogue({ issues: archive });
	const subscriptions = createKeyvSubscriptionStore(keyv);
	await subscriptions.subscribe(chat('1', 'alpha-weekly'));
	await subscriptions.subscribe(chat('2', 'alpha-weekly'));
	await subscriptions.subscribe(chat('2', 'beta-weekly'));
	// Made before publications: it follows the default one, the folder's.
	await subscriptions.subscribe(chat('3'));
	await subscriptions.subscribe(chat('4', '*'));
	const transport = createCapturingTransport();
	const side = await startPublishingSide({ settings, keyv, archive, subscriptions, publications, watch: false, feeds: { start: false, now: () => time, random: () => 0.5 } });
	running = { side, keyv };
	side.publishing.deliverThrough({ telegram: transport });
	const advance = async (ms: number): Promise<void> => {
		time += ms;
		await side.feeds.tick();
	};
	await advance(0);
	return {
		archive,
		publications,
		transport,
		feeds: { alpha, beta },
		advance,
		received() {
			const byChat: Record<string, string[]> = {};
			for (const send of transport.sent) (byChat[send.chatId] ??= []).push(archive.get(decodeURIComponent(send.jobId).split('/')[0]!)!.publication);
			for (const list of Object.values(byChat)) list.sort();
			return byChat;
		},
	};
}

async function publishEverywhere(bot: PublicationsBot): Promise<void> {
	for (const feed of [bot.feeds.alpha, bot.feeds.beta]) {
		const title = feed === bot.feeds.alpha ? 'Alpha Weekly' : 'Beta Weekly';
		feed.body = rssFeed([entry('04', '2026-11-20T08:00:00Z', 'Issue #04'), entry('03', '2026-11-13T08:00:00Z', 'Issue #03')], title);
	}
	await bot.advance(15 * minute);
	await writeFile(join(folder, '2026-11-25.md'), buildDigest({ title: 'House Digest', date: '2026-11-25', top: [{ title: 'Another house story' }] }));
	await ingestFile(bot.archive, join(folder, '2026-11-25.md'));
	await vi.waitFor(() => expect(bot.transport.sent).toHaveLength(7), { timeout: 10_000, interval: 20 });
}

const engines = [
	{ engine: 'keyv', env: {}, keyv: () => new Keyv({ throwOnErrors: true }) },
	{ engine: 'bullmq', env: { STORE_URL: redisUrl, REDIS_KEY_PREFIX: prefix }, keyv: () => createKeyv({ url: redisUrl, dataDir: '/tmp', namespace: prefix }) },
] as const;

describe.each(engines)('when the folder and two feeds publish at once on the $engine engine', ({ env, keyv }) => {
	it('then a chat subscribed to one receives only it, a chat subscribed to two each once, and old subscriptions the folder', async () => {
		const bot = await startBot(env, await keyv());
		await publishEverywhere(bot);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(bot.received()).toEqual({
			'1': ['alpha-weekly'],
			'2': ['alpha-weekly', 'beta-weekly'],
			'3': ['digest'],
			'4': ['alpha-weekly', 'beta-weekly', 'digest'],
		});
		// Same titles, same numbers: three issues #04… and #03 of each feed, none overwritten.
		expect(bot.archive.list('alpha-weekly').map((issue) => [issue.title, issue.number])).toEqual([['Issue #04', 2], ['Issue #03', 1]]);
		expect(bot.archive.list('beta-weekly').map((issue) => [issue.title, issue.number])).toEqual([['Issue #04', 2], ['Issue #03', 1]]);
	});
});

describe('when a reader asks about several publications', () => {
	async function run(bot: PublicationsBot, text: string): Promise<Block[]> {
		const dispatcher = createDispatcher(commands, { services: { archive: bot.archive, publications: bot.publications } });
		const blocks: Block[] = [];
		for await (const block of completeBlocks(dispatcher.runText(text, { chat: { platform: 'console', id: 'test', kind: 'private' }, user: { id: 'tester' } }))) blocks.push(block);
		return blocks;
	}

	it('then /latest and /issues answer per publication and say which, and without one a chooser offers them', async () => {
		const bot = await startBot({}, new Keyv());
		const latestBeta = textOf(await run(bot, '/latest beta-weekly'));
		expect(latestBeta).toContain('Beta Weekly');
		expect(latestBeta).toContain('Issue #03');

		const issuesAlpha = textOf(await run(bot, '/issues alpha-weekly'));
		expect(issuesAlpha).toContain('Alpha Weekly: Issues');
		expect(issuesAlpha).toContain('/issue alpha-weekly 2026-11-13');
		expect(issuesAlpha).not.toContain('House Digest');

		expect(textOf(await run(bot, '/issue alpha-weekly 1'))).toContain('Issue #03');
		expect(textOf(await run(bot, '/top 5 digest'))).toContain('House story');

		const chooser = await run(bot, '/latest');
		const actions = chooser.find((block) => block.type === 'actions');
		expect(actions?.type === 'actions' && actions.actions.map((action) => [action.command, action.args])).toEqual([
			['latest', ['alpha-weekly']],
			['latest', ['beta-weekly']],
			['latest', ['digest']],
		]);

		const listed = textOf(await run(bot, '/publications'));
		for (const name of ['Alpha Weekly', 'Beta Weekly', 'digest']) expect(listed).toContain(name);
		expect(textOf(await run(bot, '/latest nonsense-weekly'))).toContain('nonsense-weekly');
	});
});
