/**
 * Hosts the test suite's fake platform servers in a process of their own, driven over IPC by
 * bench/fake-host.ts. The bot (or the bare loop) and the fake then each have a core of the
 * 2-core machine: in one process the fake's own work would be added to both sides of every
 * ratio and flatter it towards 1.
 */
import { FakeDiscordServer } from '../tests/fakes/discord-server.js';
import { FakeTelegramBotApi, fakeToken } from '../tests/fakes/telegram-bot-api.js';
import type { FakeHostReply, FakeHostRequest } from './fake-host.js';

let telegram: FakeTelegramBotApi | undefined;
let discord: FakeDiscordServer | undefined;
const discordToken = 'bench-discord-token';

/** Posts the bot made: Telegram `sendMessage` and Discord `POST /channels/:id/messages`, answered 200. */
/** The Telegram fake's accepted `sendMessage` and `sendRichMessage` calls since the last `clear` (rich replies are the default). */
function telegramPosts(): FakeTelegramBotApi['calls'] {
	return (telegram?.calls ?? []).filter((call) => (call.method === 'sendMessage' || call.method === 'sendRichMessage') && call.ok);
}

function sentCalls(): { path: string; body: unknown }[] {
	if (telegram) return telegramPosts().map((call) => ({ path: `/${call.method}`, body: call.params }));
	if (discord) return discord.calls.filter((call) => call.method === 'POST' && call.status === 200 && /^\/channels\/\d+\/messages$/.test(call.path)).map((call) => ({ path: call.path, body: call.body }));
	return [];
}

function sentCount(): number {
	let count = 0;
	if (telegram) count += telegramPosts().length;
	if (discord) for (const call of discord.calls) count += call.method === 'POST' && call.status === 200 ? 1 : 0;
	return count;
}

/** When the Telegram fake accepted its first and last `sendMessage` since the last `clear`. */
function sentSpan(): { count: number; firstAt: number; lastAt: number } {
	const times = telegramPosts().map((call) => call.at);
	return { count: times.length, firstAt: Math.min(...times), lastAt: Math.max(...times) };
}

async function handle(request: FakeHostRequest): Promise<unknown> {
	switch (request.op) {
		case 'start-telegram':
			telegram = await FakeTelegramBotApi.start();
			return { apiRoot: telegram.apiRoot, token: fakeToken };
		case 'start-discord':
			discord = await FakeDiscordServer.start({ token: discordToken });
			return { apiRoot: discord.apiRoot, token: discordToken };
		case 'add-chats':
			for (const chat of request.chats) telegram?.addChat(chat);
			return null;
		case 'post-texts': {
			let last = 0;
			if (telegram) for (const post of request.posts) last = telegram.pushUpdate(telegram.textUpdate(post.chat, post.text, post.from ? { from: post.from } : {}));
			return last;
		}
		case 'settle':
			await telegram?.settle(request.quietMs, 60_000);
			return null;
		case 'sent':
			return sentCount();
		case 'bodies':
			return sentCalls();
		case 'wait-sent': {
			const deadline = Date.now() + request.timeoutMs;
			while (sentCount() < request.count) {
				if (Date.now() > deadline) throw new Error(`only ${sentCount()} of ${request.count} messages arrived`);
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			return null;
		}
		case 'clear':
			// Keeps the fake's own memory flat across repetitions.
			if (telegram) telegram.calls.length = 0;
			if (discord) {
				discord.calls.length = 0;
				discord.channelMessages.clear();
			}
			return null;
		case 'enforce-flood-limits':
			if (!telegram) throw new Error('start the Telegram fake first');
			telegram.enforceFloodLimits(request.limits);
			return null;
		case 'sent-span':
			return sentSpan();
		case 'flood-rejections':
			return telegram?.floodRejections ?? 0;
		case 'close':
			await telegram?.close();
			await discord?.close();
			return null;
	}
}

process.on('message', (message: { id: number; request: FakeHostRequest }) => {
	handle(message.request).then(
		(result) => process.send?.({ id: message.id, result } satisfies FakeHostReply),
		(error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies FakeHostReply),
	);
	if (message.request.op === 'close') setTimeout(() => process.exit(0), 50);
});
process.send?.({ id: 0, result: 'ready' } satisfies FakeHostReply);
