import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramAdapter } from '../../../adapters/telegram/index.js';
import { Archive } from '../../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../../src/archive/issue-store.js';
import { createDispatcher } from '../../../src/command/dispatcher.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import { fakeToken } from '../../fakes/telegram-bot-api.js';
import { newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';
import { freePort } from '../../helpers/free-port.js';

const secret = 'test-webhook_secret-1';
let harness: Harness;
let hookUrl: string;

beforeAll(async () => {
	const port = await freePort();
	hookUrl = `http://127.0.0.1:${port}/telegram/hook`;
	harness = await startHarness({ env: { TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: secret, HTTP_PORT: String(port) } });
});
afterAll(() => harness.close());

function post(update: unknown, token: string | undefined): Promise<Response> {
	return fetch(hookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { 'x-telegram-bot-api-secret-token': token } : {}) },
		body: JSON.stringify(update),
	});
}

describe('telegram adapter: webhook mode', () => {
	it('when TELEGRAM_WEBHOOK_URL is set then the bot registers the webhook with its secret and does not poll', () => {
		expect(harness.fake.webhookInfo).toEqual({ url: hookUrl, secret });
		expect(harness.fake.callsTo('getUpdates')).toEqual([]);
	});

	it('when a request lacks the secret token header then it is refused and nothing is answered', async () => {
		const user = newUser();
		const update = { update_id: 900_001, ...harness.fake.textUpdate(privateChat(user), '/top', { from: user }) };
		expect((await post(update, undefined)).status).toBe(401);
		expect((await post(update, 'wrong-secret')).status).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(harness.fake.botMessages(user.id)).toEqual([]);
	});

	it('when a slow answer is requested then the webhook answers at once and the reply follows', async () => {
		const user = newUser();
		harness.fake.inject('sendMessageDraft', { delayMs: 1_500 });
		const update = { update_id: 900_002, ...harness.fake.textUpdate(privateChat(user), '/story 3', { from: user }) };
		const started = Date.now();
		const response = await post(update, secret);
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(500);
		await harness.fake.waitFor(() => harness.fake.botMessages(user.id).length > 0);
		expect(harness.fake.botMessages(user.id)[0]!.text).toMatch(/^3\. Coding-model/);
	});

	it('when the body is not an update then it is refused with 400 and the bot stays up', async () => {
		const bad = await fetch(hookUrl, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': secret }, body: '{not json' });
		expect(bad.status).toBe(400);
		const user = newUser();
		const ok = await post({ update_id: 900_003, ...harness.fake.textUpdate(privateChat(user), '/help', { from: user }) }, secret);
		expect(ok.status).toBe(200);
		await harness.fake.waitFor(() => harness.fake.botMessages(user.id).length > 0);
	});

	it('when the composition root hands over no HTTP server then the adapter refuses to start, before calling Telegram, rather than open a port of its own', async () => {
		// Nothing listens on port 1: had the adapter called getMe first, it would fail with a different error.
		const settings = loadConfig({ TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: 'http://127.0.0.1:1', TELEGRAM_WEBHOOK_URL: hookUrl, DATA_DIR: '/tmp/digestbot-telegram-tests' });
		const archive = new Archive(createMemoryIssueStore());
		const deps = { settings, archive, dispatcher: createDispatcher([], { services: { archive } }), log: createLogger('silent') };
		await expect(startTelegramAdapter(deps)).rejects.toThrow(/needs the bot's HTTP server/);
	});
});
