import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const root = new URL('../../', import.meta.url).pathname;
let child: ChildProcess | undefined;

afterEach(async () => {
	if (child && child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child!.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}
	child = undefined;
});

/** The bot as `npm start` runs it, with a STORE_URL nobody listens on (and a password that must never be printed). */
function startWithStoreDown(env: Record<string, string>, storePort: number) {
	const started = Date.now();
	child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STORE_URL: `redis://:hunter2@127.0.0.1:${storePort}`, ...env },
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const stderrAt: { text: string; at: number }[] = [];
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
		stderrAt.push({ text: chunk.toString(), at: Date.now() - started });
	});
	return { child, started, stdout: () => stdout, stderr: () => stderr, stderrAt };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const started = Date.now();
	while (!(await condition())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

describe('when the bot starts while its Redis store is down', () => {
	it('then stderr names the store (password redacted), the error and the retry interval within 5 s, and the console answers from the issue files', async () => {
		const bot = startWithStoreDown({ LOG_LEVEL: 'debug' }, await freePort());
		bot.child.stdin?.write('/top 1\n/since\n');
		bot.child.stdin?.end();
		// The process itself (tsx compiling the bot) takes a while on a busy machine: time from its first line of output.
		await until(() => /store unreachable at start/.test(bot.stderr()), 60_000, 'the store to be named');
		const named = bot.stderrAt.find((chunk) => chunk.text.includes('store unreachable at start'))!;
		await until(() => bot.child.exitCode !== null, 60_000, 'the console to answer and exit');
		expect(bot.stderr()).toMatch(/redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(connect ECONNREFUSED[^)]*\); retrying every 5 s/);
		expect(bot.stdout()).toContain('is unavailable: answering from the issue files');
		expect(bot.stdout()).toContain('Top stories');
		// /since needs the reader's memory, which lives in the store.
		expect(bot.stdout()).toContain('I cannot reach my storage right now, try again in a minute.');
		expect(bot.stdout() + bot.stderr()).not.toContain('hunter2');
		// From the bot opening its store to the line naming it (the logger's own clock, so compiling the bot under load does not count).
		const lines = bot.stderr().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; time: number });
		const opening = lines.find((line) => line.msg === 'opening the store')!;
		const naming = lines.find((line) => line.msg.startsWith('store unreachable at start'))!;
		expect(naming.time - opening.time).toBeLessThan(5_000);
		process.stdout.write(`store named on stderr ${naming.time - opening.time} ms after the bot opened it (${named.at} ms after the process was spawned)\n`);
	}, 90_000);

	it('then on a platform /health answers 503 store-unreachable while it waits', async () => {
		const httpPort = await freePort();
		const bot = startWithStoreDown({ LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: '123456:test-token-never-used-0123456789', HTTP_PORT: String(httpPort) }, await freePort());
		await until(() => /store unreachable at start/.test(bot.stderr()), 60_000, 'the store to be named');
		let health: Response | undefined;
		await until(async () => (health = await fetch(`http://127.0.0.1:${httpPort}/health`).catch(() => undefined)) !== undefined, 10_000, '/health to answer');
		expect(health!.status).toBe(503);
		expect(await health!.json()).toEqual({ status: 'store-unreachable' });
		expect(bot.stderr()).not.toContain('hunter2');
	}, 90_000);
});
