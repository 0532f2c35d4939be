import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeFeedHost } from '../../fakes/feed-host.js';
import { startFakeLlm } from '../../fakes/openai-server.js';

const root = new URL('../../../', import.meta.url).pathname;
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'digestbot-console-'));
});

afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true });
});

/** Runs `npm start` as a user would, with the given lines piped to it. */
function runBot(input: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number | null; chunks: string[] }> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['start', '--silent'], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		const chunks: string[] = [];
		child.stdout.on('data', (chunk: Buffer) => {
			chunks.push(chunk.toString());
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ stdout, stderr, code, chunks }));
		child.stdin.end(input);
	});
}

describe('when the console adapter runs with no platform token', () => {
	it('then piped commands are all answered in order and it exits at end of input', async () => {
		const { stdout, stderr, code } = await runBot('/top\n/story 3\n/story 99\n/story abc\n/frobnicate\n');
		expect(code).toBe(0);
		const top = stdout.indexOf('1. Qwen 3.5 “small” models');
		expect(top).toBeGreaterThanOrEqual(0);
		expect(stdout.indexOf('2. U.S. government AI procurement')).toBeGreaterThan(top);
		expect(stdout).toContain('4. Anthropic’s consumer + developer momentum');
		expect(stdout).toContain('▌ 3. Coding-model speed race intensifies');
		expect(stdout).toContain('[11] X post by @ah20im <https://x.com/ah20im>');
		expect(stdout).toContain('⚠ There is no story 99');
		expect(stdout).toContain('⚠ Story number: must be a number such as 3. Usage: /story N [issue]');
		expect(stdout).toContain('⚠ I don\'t know the command /frobnicate.');
		expect(stdout + stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
	});

	it('then /ask with no LLM configured answers from the reference issue citing story 1', async () => {
		const { stdout, stderr, code } = await runBot('/ask what did Qwen release?\n');
		expect(code).toBe(0);
		expect(stdout).toContain('[2026-03-03 · 1] Qwen 3.5 “small” models');
		expect(stdout).toContain('Alibaba Qwen released the Qwen 3.5 Small Model Series');
		expect(stdout).toContain('/story 1 2026-03-03');
		expect(stdout + stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
	});

	it('then /ask with LLM_BASE_URL at a model streams its answer as it is written, citing story 1', async () => {
		const llm = await startFakeLlm({ script: { text: 'Alibaba released the **Qwen 3.5 Small** series in four sizes, with base models too [1].' }, charsPerSecond: 60 });
		try {
			const { stdout, code, chunks } = await runBot('/ask what did Qwen release?\n', { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model' });
			expect(code).toBe(0);
			expect(stdout).toContain('Alibaba released the Qwen 3.5 Small series in four sizes, with base models too [2026-03-03 · 1].');
			expect(stdout).toContain('/story 1 2026-03-03');
			// Printed as it grew: the answer arrived in several writes, not one.
			expect(chunks.filter((chunk) => /\S/.test(chunk)).length).toBeGreaterThan(3);
		} finally {
			await llm.close();
		}
	});

	it('then /since pages are plain text with the command for the next page, and what was shown is remembered across restarts', async () => {
		const env = { DATA_DIR: join(dataDir, 'since') };
		const first = await runBot('/since\n/since 2026-03-01 2\n/since abc\n', env);
		expect(first.code).toBe(0);
		expect(first.stdout).toContain('I haven’t shown you an issue yet, so here is the latest.');
		expect(first.stdout).toMatch(/The latest issue — page 1 of \d+\n=+\n/);
		expect(first.stdout).toContain('• 1. Qwen 3.5 “small” models push multimodal');
		expect(first.stdout).toContain('[Older ▶: /since #0 2]');
		expect(first.stdout).toMatch(/1 issue since Mar 1, 2026 — page 2 of \d+/);
		expect(first.stdout).toContain('(continued)');
		expect(first.stdout).toContain('⚠ How far back: must be a number of days such as 7d, or a date such as 2026-03-01. Usage: /since [7d|2026-03-01] [page]');
		const again = await runBot('/since\n', env);
		expect(again.stdout).toMatch(/^You’re up to date\. The latest issue is Qwen 3\.5 small models/);
		// Two starts of the bot: more than the default allows on a loaded machine.
	}, 60_000);

	it('then a bad configuration is a clear message naming the variable, not a stack trace', async () => {
		const { stdout, stderr, code } = await runBot('/top\n', { STORE_URL: 'mongodb://nope' });
		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toContain('STORE_URL: must be sqlite://PATH, redis://HOST:PORT or memory://');
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	it('then a digest folder holding a broken file still serves the good issues', async () => {
		const digests = join(dataDir, 'digests');
		// Six publishers' issues: one page of /issues, whatever other fixtures the parser tests add.
		const fixtures = ['chinese-numbered-paragraphs', 'numbered-list-references', 'tldr-bold-lines', 'toml-headed-items', 'undated-bold-bullets', 'yaml-link-bullets'];
		await mkdir(digests, { recursive: true });
		for (const name of fixtures) await cp(join(root, `tests/fixtures/digests/${name}.md`), join(digests, `${name}.md`));
		await writeFile(join(digests, 'zz-broken.md'), Buffer.from([0, 159, 146, 150]));
		const { stdout, code } = await runBot('/issues\n/story 2 2026-03-09\n', { DIGEST_DIR: digests, DATA_DIR: join(dataDir, 'other') });
		expect(code).toBe(0);
		expect(stdout).toContain('page 1 of 1');
		for (const title of ['Security Roundup', 'Climate Brief', 'The Weekly Stack', '人工智能日报', 'Friday Links']) expect(stdout).toContain(title);
		expect(stdout).toContain('▌ 2. Browser zero-day exploited in the wild');
	});

	it('then with FEED_URLS and no token it follows the feed: piped /issues and /latest answer from the feed\'s items', async () => {
		const host = await FakeFeedHost.start();
		try {
			host.feed('/rss', { body: await readFile(join(root, 'tests/fixtures/feeds/buttondown.xml'), 'utf8'), etag: true });
			const digests = join(dataDir, 'empty-digests');
			await mkdir(digests, { recursive: true });
			const { stdout, code } = await runBot('/issues\n/latest\n', { DIGEST_DIR: digests, DATA_DIR: join(dataDir, 'feeds'), FEED_URLS: host.url('/rss'), FEED_ALLOW_PRIVATE: 'true' });
			expect(code).toBe(0);
			expect(stdout).not.toContain('The archive is empty');
			expect(stdout).toContain('Quiet Compilers 12: register pressure and other feelings');
			expect(stdout).toContain('Quiet Compilers 11');
			expect(stdout).toContain('Register pressure, measured');
			expect(host.requests.filter((request) => request.path === '/rss')).toHaveLength(1);
		} finally {
			await host.close();
		}
	});
});
