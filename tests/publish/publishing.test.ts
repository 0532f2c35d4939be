import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Keyv } from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { ingestDirectory } from '../../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { loadConfig } from '../../src/config/config.js';
import type { RunningPublishing } from '../../src/publish/start-publishing.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { createCapturingTransport, type CapturingTransport } from '../delivery/capturing-transport.js';
import { sampleDigest, subscriber } from '../delivery/delivery-harness.js';
import { startPublishingSide, type PublishingSide } from '../helpers/publishing-side.js';

const token = 'publish-token-for-tests-0123456789';
const folders: string[] = [];
const open: { side?: PublishingSide; keyv?: Keyv }[] = [];

afterEach(async () => {
	for (const run of open.splice(0)) {
		await run.side?.stop();
		await run.keyv?.disconnect();
	}
	for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function newFolder(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-publish-'));
	folders.push(folder);
	return folder;
}

interface Bot {
	readonly publishing: RunningPublishing;
	/** The bound HTTP port, when started with `http`. */
	readonly httpPort: number | undefined;
	readonly subscriptions: SubscriptionStore;
	readonly archive: Archive;
	readonly transport: CapturingTransport;
	stop(): Promise<void>;
}

/** Starts the bot's publishing side the way the composition root does, on SQLite in `folder`. */
async function startBot(folder: string, options: { http?: boolean; transport?: CapturingTransport } = {}): Promise<Bot> {
	const settings = loadConfig({ DIGEST_DIR: join(folder, 'digests'), DATA_DIR: join(folder, 'data'), ...(options.http ? { HTTP_PORT: '0', PUBLISH_TOKEN: token } : {}) });
	const keyv = await createKeyv({ dataDir: settings.dataDir });
	const archive = new Archive(createKeyvIssueStore(keyv));
	await archive.load();
	await ingestDirectory(archive, settings.digestDir);
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const transport = options.transport ?? createCapturingTransport();
	const side = await startPublishingSide({ settings, keyv, archive, subscriptions });
	const { publishing } = side;
	publishing.deliverThrough({ telegram: transport, discord: transport });
	const run = { side, keyv };
	open.push(run);
	return {
		publishing,
		httpPort: side.httpPort,
		subscriptions,
		archive,
		transport,
		async stop() {
			open.splice(open.indexOf(run), 1);
			await side.stop();
			await keyv.disconnect();
		},
	};
}

async function subscribeMany(store: SubscriptionStore, count: number): Promise<void> {
	for (let index = 0; index < count; index += 1) await store.subscribe(subscriber(index));
}

describe('when the bot starts for the very first time with digests already in the folder', () => {
	it('then the backlog is archived without posting, and only a later issue is posted', async () => {
		const folder = await newFolder();
		await writeFile(join(await ensureDir(folder), '2026-01-01.md'), sampleDigest('2026-01-01'));
		await writeFile(join(folder, 'digests', '2026-01-02.md'), sampleDigest('2026-01-02'));
		const bot = await startBot(folder);
		await subscribeMany(bot.subscriptions, 5);
		expect(bot.archive.size).toBe(2);
		expect(await bot.publishing.broadcastStatus()).toBeUndefined();
		await writeFile(join(folder, 'digests', '2026-01-03.md'), sampleDigest('2026-01-03'));
		await vi.waitFor(() => expect(bot.transport.sent).toHaveLength(5), { timeout: 10_000, interval: 20 });
		expect(new Set(bot.transport.sent.map((send) => send.jobId.split('/')[0]))).toEqual(new Set(['2026-01-03']));
		// A post is recorded as delivered just after the platform accepted it.
		await vi.waitFor(async () => expect(await bot.publishing.broadcastStatus()).toMatchObject({ issueId: '2026-01-03', total: 5, delivered: 5 }), { timeout: 10_000, interval: 20 });
	});
});

describe('when an issue arrives while the bot is down', () => {
	it('then it is posted after the restart, once, and a further restart posts nothing', async () => {
		const folder = await newFolder();
		await ensureDir(folder);
		const first = await startBot(folder);
		await subscribeMany(first.subscriptions, 4);
		await first.stop();

		await writeFile(join(folder, 'digests', '2026-02-01.md'), sampleDigest('2026-02-01'));
		const second = await startBot(folder);
		await vi.waitFor(() => expect(second.transport.sent).toHaveLength(4), { timeout: 10_000, interval: 20 });
		await second.stop();

		const third = await startBot(folder);
		await third.publishing.planner.reconcile();
		expect(third.transport.calls).toHaveLength(0);
		expect(await third.publishing.broadcastStatus()).toMatchObject({ issueId: '2026-02-01', delivered: 4, pending: 0 });
	});
});

describe('when an issue is published over HTTP', () => {
	it('then subscribers get it once, and publishing it again or an edited version does not repost it', async () => {
		const folder = await newFolder();
		await ensureDir(folder);
		const bot = await startBot(folder, { http: true });
		await subscribeMany(bot.subscriptions, 6);
		const publish = (body: string) => fetch(`http://127.0.0.1:${bot.httpPort ?? 0}/issues`, { method: 'POST', body, headers: { Authorization: `Bearer ${token}` } });
		expect((await publish(sampleDigest('2026-03-01'))).status).toBe(201);
		await vi.waitFor(async () => expect(await bot.publishing.broadcastStatus()).toMatchObject({ delivered: 6, pending: 0 }), { timeout: 10_000, interval: 20 });
		expect(bot.transport.sent).toHaveLength(6);
		expect((await publish(sampleDigest('2026-03-01'))).status).toBe(200);
		expect((await publish(sampleDigest('2026-03-01').replace('Chips get cheaper', 'Chips get much cheaper'))).status).toBe(200);
		expect(await bot.publishing.planner.plan('2026-03-01')).toBe('already-handled');
		expect(bot.transport.calls).toHaveLength(6);
		const health = await fetch(`http://127.0.0.1:${bot.httpPort ?? 0}/health`, { headers: { authorization: `Bearer ${token}` } });
		expect(await health.json()).toMatchObject({ status: 'ok', issues: 1, broadcast: { issueId: '2026-03-01', delivered: 6 } });
	});
});

async function ensureDir(folder: string): Promise<string> {
	const { mkdir } = await import('node:fs/promises');
	const directory = join(folder, 'digests');
	await mkdir(directory, { recursive: true });
	return directory;
}
