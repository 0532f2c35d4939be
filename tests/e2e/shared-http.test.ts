import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, fakeToken } from '../fakes/telegram-bot-api.js';
import { startBot, type BotProcess } from './bot-process.js';
import { freePort } from '../helpers/free-port.js';
import { messagePlain } from '../adapters/telegram/rich/rich-outline.js';

let folder: string;
let telegram: FakeTelegramBotApi;
let bot: BotProcess | undefined;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-http-'));
	telegram = await FakeTelegramBotApi.start();
});

afterEach(async () => {
	await bot?.kill('SIGKILL');
	await telegram.close();
	await rm(folder, { recursive: true, force: true });
});

describe('when the Telegram webhook and publishing are both on', () => {
	it('then they share HTTP_PORT: the webhook answers updates and the publish endpoint still authenticates', async () => {
		const port = await freePort();
		const secret = 'shared-port-secret';
		bot = startBot({
			TELEGRAM_BOT_TOKEN: fakeToken,
			TELEGRAM_API_ROOT: telegram.apiRoot,
			TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
			TELEGRAM_WEBHOOK_SECRET: secret,
			HTTP_PORT: String(port),
			PUBLISH_TOKEN: 'shared-port-publish-token',
			DATA_DIR: join(folder, 'data'),
		});
		await bot.ready();
		expect(telegram.webhookInfo).toEqual({ url: `http://127.0.0.1:${port}/telegram/hook`, secret });

		const user = { id: 777, is_bot: false, first_name: 'Ada' };
		const update = { update_id: 1, ...telegram.textUpdate({ id: 777, type: 'private', first_name: 'Ada' }, '/story 3', { from: user }) };
		const hook = await fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
		expect(hook.status).toBe(200);
		await telegram.waitFor(() => telegram.botMessages(777).length > 0, 10_000);
		// A rich message by default (TELEGRAM_RICH=on).
		expect(messagePlain(telegram.botMessages(777)[0]!)).toMatch(/^3\. Coding-model/);

		expect((await fetch(`http://127.0.0.1:${port}/telegram/hook`, { method: 'POST', body: '{}' })).status).toBe(401);
		expect((await fetch(`http://127.0.0.1:${port}/issues`, { method: 'POST', body: '# x' })).status).toBe(401);
		expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ status: 'ok' });
	}, 60_000);
});
