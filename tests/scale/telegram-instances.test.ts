import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../e2e/bot-process.js';
import { FakeTelegramBotApi, fakeToken } from '../fakes/telegram-bot-api.js';
import { freePort, startOwnRedis, type OwnRedis } from './own-redis.js';

const secret = 'scale-webhook_secret-1';
let redis: OwnRedis | undefined;
let telegram: FakeTelegramBotApi | undefined;
let bots: BotProcess[] = [];
let folder: string | undefined;

afterEach(async () => {
	await Promise.all(bots.map((bot) => bot.kill('SIGKILL')));
	bots = [];
	await telegram?.close();
	telegram = undefined;
	await redis?.dispose();
	redis = undefined;
	if (folder) await rm(folder, { recursive: true, force: true });
	folder = undefined;
});

async function startInstances(count: number, env: (index: number) => Record<string, string>): Promise<BotProcess[]> {
	redis = await startOwnRedis();
	telegram = await FakeTelegramBotApi.start();
	folder = await mkdtemp(join(tmpdir(), 'digestbot-instances-'));
	const started = Array.from({ length: count }, (_, index) =>
		startBot({ ROLE: 'web', STORE_URL: redis!.url, TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: telegram!.apiRoot, DATA_DIR: join(folder!, `data-${index}`), DIGEST_DIR: join(folder!, 'digests'), ...env(index) }),
	);
	bots.push(...started);
	await Promise.all(started.map((bot) => bot.ready(60_000)));
	return started;
}

const polls = (bot: BotProcess): boolean => bot.output().includes('this instance polls');

describe('when two instances run in polling mode on one Redis', () => {
	it('then only one polls, and when it is killed the other takes over within the lock expiry', async () => {
		const [first, second] = await startInstances(2, () => ({}));
		const started = Date.now();
		while (!polls(first!) && !polls(second!) && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 100));
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect([polls(first!), polls(second!)].filter(Boolean)).toHaveLength(1);
		const [poller, standby] = polls(first!) ? [first!, second!] : [second!, first!];
		await poller.kill('SIGKILL');
		const killedAt = Date.now();
		while (!polls(standby) && Date.now() - killedAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 100));
		expect(polls(standby)).toBe(true);
		// The lease lives 15 s and is tried every 5 s.
		expect(Date.now() - killedAt).toBeLessThan(21_000);
	}, 120_000);
});

describe('when two web instances receive the same webhook update', () => {
	it('then it is answered once, and the other instance answers the next update', async () => {
		const ports = [await freePort(), await freePort()];
		await startInstances(2, (index) => ({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook', TELEGRAM_WEBHOOK_SECRET: secret, HTTP_PORT: String(ports[index]) }));
		const chat = { id: 4242, type: 'private', first_name: 'Reader' } as Chat;
		telegram!.addChat(chat);
		const send = (port: number, update: object) =>
			fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
		const update = { update_id: 9001, ...telegram!.textUpdate(chat, '/help') };
		expect((await send(ports[0]!, update)).status).toBe(200);
		expect((await send(ports[1]!, update)).status).toBe(200);
		const other = { update_id: 9002, ...telegram!.textUpdate(chat, '/help') };
		expect((await send(ports[1]!, other)).status).toBe(200);
		const started = Date.now();
		// Replies are rich messages by default (TELEGRAM_RICH=on); either kind counts as an answer.
		const answers = () => telegram!.calls.filter((call) => (call.method === 'sendMessage' || call.method === 'sendRichMessage') && call.ok && String(call.params.chat_id) === '4242');
		while (answers().length < 2 && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 100));
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(answers()).toHaveLength(2);
	}, 120_000);
});
