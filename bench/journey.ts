import { fork, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeHost, type FakeHost } from './fake-host.js';
import { generatedIssue } from './generated-archive.js';
import { seedStore } from './seed-store.js';

export interface Journey {
	/** The project's source files in which code ran for this journey and not while the bot sat idle as long. */
	readonly files: readonly string[];
	/** The folders those files are in. */
	readonly folders: readonly string[];
}

export interface JourneyFigures {
	/** A reader's `/story 3` in a private Telegram chat, from update to answer. */
	readonly story: Journey;
	/** A new issue file in DIGEST_DIR reaching a subscribed Telegram chat. */
	readonly post: Journey;
}

const subscriber = 1_000_000;

/**
 * Which source files two journeys pass through, read from the running bot (`adapters/main.ts` as
 * `npm start` runs it, against the fake Bot API) by counting function calls: once over the
 * journey, once over an idle stretch as long, the second taken from the first so that polling
 * loops do not count. Files the idle bot also touches (a logger, say) are undercounted, never
 * files the journey does not need.
 */
export async function measureJourneys(): Promise<JourneyFigures> {
	const dataDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-journey-data-'));
	const digestDir = await mkdtemp(join(tmpdir(), 'digestbot-bench-journey-digests-'));
	await copyFile(new URL('../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url), join(digestDir, '2026-03-03-ai-high-signal-digest.md'));
	await seedStore(dataDir, 0, 1);
	const host = await startFakeHost('telegram');
	await host.addChats([{ id: subscriber, type: 'private', first_name: 'Subscriber' }]);
	const bot = startProbedBot({ TELEGRAM_BOT_TOKEN: host.token, TELEGRAM_API_ROOT: host.apiRoot, DATA_DIR: dataDir, DIGEST_DIR: digestDir, LOG_LEVEL: 'error' });
	try {
		await bot.call('start');
		const story = () => ({ chat: { id: 77, type: 'private' as const, first_name: 'Reader' }, from: { id: 77, is_bot: false, first_name: 'Reader' }, text: '/story 3' });
		// Warm: every module loaded, caches as after a few minutes of use.
		for (let n = 0; n < 3; n += 1) await sendAndWait(host, () => host.postTexts([story()]));
		const storyJourney = await observe(bot, () => sendAndWait(host, () => host.postTexts([story()])));
		await sendAndWait(host, () => writeFile(join(digestDir, 'warm.md'), generatedIssue(3_000)));
		const postJourney = await observe(bot, () => sendAndWait(host, () => writeFile(join(digestDir, 'journey.md'), generatedIssue(3_001))));
		return { story: storyJourney, post: postJourney };
	} finally {
		await bot.stop();
		await host.close();
		await rm(dataDir, { recursive: true, force: true });
		await rm(digestDir, { recursive: true, force: true });
	}
}

async function sendAndWait(host: FakeHost, act: () => Promise<unknown>): Promise<void> {
	await host.clear();
	await act();
	await host.waitSent(1, 60_000);
	await host.settle(300);
}

async function observe(bot: ProbedBot, journey: () => Promise<void>): Promise<Journey> {
	await bot.call<{ files: string[] }>('take');
	const started = performance.now();
	await journey();
	const { files } = await bot.call<{ files: string[] }>('take');
	// At least two seconds idle, so that loops which wake every second or so (queue polls) are seen idle too.
	await new Promise((resolve) => setTimeout(resolve, Math.max(2_000, performance.now() - started)));
	const idle = new Set((await bot.call<{ files: string[] }>('take')).files);
	const own = files.filter((file) => !idle.has(file));
	return { files: own, folders: [...new Set(own.map((file) => file.split('/').slice(0, -1).join('/')))] };
}

interface ProbedBot {
	/** Sends the probe a message and resolves with its answer. */
	call<T>(message: string): Promise<T>;
	stop(): Promise<void>;
}

function startProbedBot(env: Readonly<Record<string, string>>): ProbedBot {
	const child: ChildProcess = fork(new URL('../adapters/main.ts', import.meta.url).pathname, [], {
		execArgv: ['--import', 'tsx', '--import', new URL('./journey-probe.ts', import.meta.url).pathname],
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		call: <T>(message: string) =>
			new Promise<T>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`journey: the bot did not answer '${message}'`)), 30_000);
				child.once('message', (reply) => {
					clearTimeout(timer);
					resolve(reply as T);
				});
				child.send(message);
			}),
		async stop() {
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(killer);
		},
	};
}
