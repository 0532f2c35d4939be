/**
 * Which HTTP client grammY should post through: the same broadcast through the real queue,
 * worker and Telegram transport, once per client, alternating rounds in one process against one
 * fake, each round next to a bare `fetch` replay of the same posts. CPU per post (this process
 * only; the fake runs in its own) is the figure that survives a loaded machine; the ratio to the
 * bare loop is reported too. One run:
 * `npx tsx -e "import('./bench/telegram-http-clients.ts').then(async (m) => console.log(await m.measureHttpClients(5000, 3)))"`.
 */
import type { Chat } from 'grammy/types';
import { createTelegramDeliveryTransport } from '../adapters/telegram/telegram-delivery-transport.js';
import { createTelegramHttpClient, type TelegramHttpClient } from '../adapters/telegram/telegram-http-client.js';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import { startFakeHost } from './fake-host.js';
import { createFanoutRig, defaultConcurrency, replayPosts, type FanoutRig } from './fanout.js';
import { median } from './stats.js';

/** grammY's default (`node-fetch`), Node 20's global fetch, and the bot's own (undici `request`). */
const clients: Readonly<Record<string, () => TelegramHttpClient>> = {
	'node-fetch': () => ({}),
	'global fetch': () => ({ fetch: globalThis.fetch }),
	'undici request': () => createTelegramHttpClient({ connections: defaultConcurrency }),
};

export interface HttpClientFigures {
	readonly cpuMicrosPerPost: number;
	readonly postsPerSecond: number;
	/** Bare replay time ÷ the bot's, per round (median). */
	readonly ratio: number;
}

export async function measureHttpClients(subscribers = 5_000, repetitions = 3): Promise<Record<string, HttpClientFigures>> {
	const host = await startFakeHost('telegram');
	const rigs: { name: string; rig: FanoutRig }[] = [];
	const samples = new Map<string, { cpu: number[]; rate: number[]; ratio: number[] }>();
	try {
		let firstId = 5_000_000;
		for (const [name, client] of Object.entries(clients)) {
			const chats: Chat[] = [];
			const subscriptions: NewSubscription[] = [];
			for (let n = 0; n < subscribers; n += 1) {
				const id = firstId + n;
				chats.push({ id, type: 'private', first_name: 'Reader' });
				subscriptions.push({ platform: 'telegram', chatId: String(id), kind: 'private', format: 'top', createdBy: String(id) });
			}
			firstId += subscribers;
			await host.addChats(chats);
			const transport = createTelegramDeliveryTransport({ token: host.token, apiRoot: host.apiRoot, httpClient: client() });
			rigs.push({ name, rig: await createFanoutRig({ subscriptions, transport, platform: 'telegram', issues: repetitions + 1 }) });
			samples.set(name, { cpu: [], rate: [], ratio: [] });
		}
		// Round 0 warms every client up and is not counted.
		for (let round = 0; round <= repetitions; round += 1) {
			for (const { name, rig } of rigs) {
				await host.clear();
				const cpuBefore = process.cpuUsage();
				const started = performance.now();
				await rig.broadcast();
				const botSeconds = (performance.now() - started) / 1000;
				const cpu = process.cpuUsage(cpuBefore);
				const posts = await host.bodies();
				await host.clear();
				const replayStarted = performance.now();
				await replayPosts(posts, () => `${host.apiRoot}/bot${host.token}/sendMessage`, {}, defaultConcurrency);
				const bareSeconds = (performance.now() - replayStarted) / 1000;
				if (round === 0) continue;
				const sample = samples.get(name)!;
				sample.cpu.push((cpu.user + cpu.system) / posts.length);
				sample.rate.push(posts.length / botSeconds);
				sample.ratio.push(bareSeconds / botSeconds);
			}
		}
	} finally {
		for (const { rig } of rigs) await rig.close();
		await host.close();
	}
	return Object.fromEntries([...samples].map(([name, sample]) => [name, { cpuMicrosPerPost: median(sample.cpu), postsPerSecond: median(sample.rate), ratio: median(sample.ratio) }]));
}
