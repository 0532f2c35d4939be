import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, fakeToken } from '../../fakes/telegram-bot-api.js';
import { messagePlain } from './rich/rich-outline.js';
import { newUser, privateChat } from './telegram-harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let fake: FakeTelegramBotApi;
let child: ChildProcess;
let dataDir: string;
let stderr = '';

beforeAll(async () => {
	fake = await FakeTelegramBotApi.start();
	dataDir = await mkdtemp(join(tmpdir(), 'digestbot-e2e-'));
	// Its own process group, so the test can stop npm, tsx and node together by one id.
	child = spawn('npm', ['start'], {
		cwd: root,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, STORE_URL: 'memory://', DIGEST_DIR: join(root, 'digests'), LOG_LEVEL: 'info' },
	});
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	// Long polls are recorded when they return; deleteWebhook is the last call before polling starts.
	await fake.waitFor(() => fake.callsTo('deleteWebhook').length > 0, 20_000);
}, 30_000);

afterAll(async () => {
	if (child.pid && child.exitCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		process.kill(-child.pid, 'SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
	}
	await fake.close();
	await rm(dataDir, { recursive: true, force: true });
});

describe('npm start with a Telegram token', () => {
	it('when pointed at a Bot API server then it answers every command correctly and stays up', async () => {
		const user = newUser();
		const chat = privateChat(user);
		const expected: [string, RegExp][] = [
			['/start', /^Welcome to the digest bot/],
			['/help', /^Commands/],
			['/top', /^Top stories — AI High Signal Digest/],
			['/story 3', /^3\. Coding-model speed race intensifies/],
			['/story 99', /^There is no story 99/],
			['/story abc', /^Story number: must be a number/],
			['/nosuchcommand', /^I don't know the command \/nosuchcommand/],
		];
		for (const [command, answer] of expected) {
			const before = fake.botMessages(chat.id).length;
			fake.postText(chat, command, { from: user });
			await fake.waitFor(() => fake.botMessages(chat.id).length > before, 10_000);
			await fake.settle(100);
			// Rich messages by default (TELEGRAM_RICH=on), against a server that speaks them.
			const message = fake.botMessages(chat.id)[before]!;
			expect(message.rich_message, command).toBeDefined();
			expect(messagePlain(message), command).toMatch(answer);
		}
		expect(fake.callsTo('setMyCommands')[0]?.ok).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(child.exitCode).toBeNull();
		expect(stderr).not.toContain(fakeToken);
		expect(stderr).toContain('telegram adapter started');
	}, 30_000);
});
