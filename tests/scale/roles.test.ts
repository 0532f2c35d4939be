import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../builders/digest-builder.js';
import { startBot, type BotProcess } from '../e2e/bot-process.js';
import { FakeTelegramBotApi, fakeToken } from '../fakes/telegram-bot-api.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';
import { acceptedPosts, openSetup, subscribeChats, type ScaleSetup } from './scale-harness.js';

const publishToken = 'roles-publish-token-0123456789';
let redis: OwnRedis | undefined;
let telegram: FakeTelegramBotApi | undefined;
let setup: ScaleSetup | undefined;
let bots: BotProcess[] = [];
let folder: string | undefined;

afterEach(async () => {
	await Promise.all(bots.map((bot) => bot.kill('SIGKILL')));
	bots = [];
	await setup?.close().catch(() => undefined);
	setup = undefined;
	await telegram?.close();
	telegram = undefined;
	await redis?.dispose();
	redis = undefined;
	if (folder) await rm(folder, { recursive: true, force: true });
	folder = undefined;
});

function httpPort(bot: BotProcess): number {
	const match = /"httpPort":(\d+)/.exec(bot.output());
	if (!match) throw new Error(`no HTTP port in the log:\n${bot.output()}`);
	return Number(match[1]);
}

describe('when one web and two worker processes share a Redis', () => {
	it('then an issue published on the web instance reaches every subscriber once, posted by the workers, and the web instance reports it', async () => {
		// A Redis of the test's own: the bot's keys use the default prefix, which must not meet other tests' keys.
		redis = await startOwnRedis();
		telegram = await FakeTelegramBotApi.start();
		folder = await mkdtemp(join(tmpdir(), 'digestbot-roles-'));
		setup = await openSetup(redis.url, 'digestbot');
		const ids = await subscribeChats(setup.keyv, telegram, 60, 0);
		const env = (role: string, extra: Record<string, string> = {}) => ({
			ROLE: role,
			STORE_URL: redis!.url,
			TELEGRAM_BOT_TOKEN: fakeToken,
			TELEGRAM_API_ROOT: telegram!.apiRoot,
			DATA_DIR: join(folder!, role),
			DIGEST_DIR: join(folder!, `digests-${role}`),
			PUBLISH_TOKEN: publishToken,
			...extra,
		});
		const web = startBot(env('web', { HTTP_PORT: '0' }));
		bots.push(web);
		await web.ready(60_000);
		bots.push(startBot(env('worker')), startBot(env('worker')));
		await Promise.all(bots.map((bot) => bot.ready(60_000)));

		const digest = buildDigest({ title: 'Scaled Out', date: '2026-10-01', top: [{ title: 'One thing', why: 'It matters.' }], sections: { Research: [{ title: 'A paper' }] } });
		const response = await fetch(`http://127.0.0.1:${httpPort(web)}/issues?file=2026-10-01.md`, { method: 'POST', headers: { authorization: `Bearer ${publishToken}` }, body: digest });
		expect(response.status).toBe(201);
		const started = Date.now();
		while (acceptedPosts(telegram).length < ids.length && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 200));

		const perChat = new Map<string, number>();
		for (const post of acceptedPosts(telegram)) perChat.set(post.chatId, (perChat.get(post.chatId) ?? 0) + 1);
		expect(perChat.size).toBe(ids.length);
		expect([...perChat.values()].every((count) => count === 1)).toBe(true);
		// The web process delivers nothing itself: every post came from a worker.
		expect(web.output()).not.toContain('broadcast finished');
		const health = await fetch(`http://127.0.0.1:${httpPort(web)}/health`, { headers: { authorization: `Bearer ${publishToken}` } });
		const body = (await health.json()) as { broadcast: { total: number; delivered: number } | null };
		expect(body.broadcast).toMatchObject({ total: ids.length });
	}, 180_000);
});
