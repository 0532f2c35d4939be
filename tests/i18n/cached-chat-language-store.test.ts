import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { ChatAccess } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import { cacheChatLanguages } from '../../src/i18n/cached-chat-language-store.js';
import { createKeyvChatLanguageStore, type ChatLanguageStore } from '../../src/i18n/chat-language-store.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A Telegram group (-100) whose member is its admin. */
const access: ChatAccess = {
	resolveTarget: async () => ({ ok: true, resolved: { target: { platform: 'telegram', chatId: '-100' }, kind: 'group', label: 'this group' } }),
	// A Telegram-like platform: chats are named "@name".
	isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	listScope: () => ({ platform: 'telegram', chatId: '-100' }),
};

/** The keyv store, counting the reads that reach it. */
function countingStore(keyv: Keyv): ChatLanguageStore & { reads: number } {
	const inner = createKeyvChatLanguageStore(keyv);
	const store = {
		reads: 0,
		get: (scope: Parameters<ChatLanguageStore['get']>[0]) => {
			store.reads += 1;
			return inner.get(scope);
		},
		set: inner.set,
	};
	return store;
}

/** Two bot processes on one store, each with its own cache, answering one group. */
async function twoProcesses() {
	const archive = await referenceArchive();
	const keyv = new Keyv();
	const subscriptions = createKeyvSubscriptionStore(keyv);
	// Not 0: lru-cache reads a start time of 0 as "no TTL".
	const clock = { ms: 1_000_000, now: () => clock.ms };
	const stores = [countingStore(keyv), countingStore(keyv)] as const;
	const processes = stores.map((store) => createDispatcher(commands, { services: { archive, subscriptions, languages: cacheChatLanguages(store, { ttlMs: 30_000, clock }) } }));
	const say = async (process: 0 | 1, text: string): Promise<string> => {
		const origin = { access, chat: { platform: 'telegram' as const, id: '-100', kind: 'group' as const }, user: { id: 'admin' }, locale: 'en' };
		const blocks = [];
		for await (const block of completeBlocks(processes[process]!.runText(text, origin))) blocks.push(block);
		return textOf(blocks);
	};
	return { say, stores, clock };
}

describe('when chat languages are cached in memory', () => {
	it('when a group keeps sending commands then its language is read from the store once, not per command', async () => {
		const { say, stores } = await twoProcesses();
		for (let n = 0; n < 5; n += 1) expect(await say(0, '/help')).toContain('Commands');
		expect(stores[0].reads).toBe(1);
	});

	it('when a group chooses Russian then the process that saved it answers in Russian at once', async () => {
		const { say } = await twoProcesses();
		expect(await say(0, '/help')).toContain('Commands');
		expect(await say(0, '/settings language ru')).toBe('Сохранено: теперь я отвечаю по-русски (эта группа).');
		expect(await say(0, '/help')).not.toContain('Commands');
	});

	it('when another process saved the choice then this one answers in it once its cached answer is 30 s old', async () => {
		const { say, clock } = await twoProcesses();
		expect(await say(1, '/help')).toContain('Commands');
		await say(0, '/settings language ru');
		clock.ms += 29_000;
		expect(await say(1, '/help')).toContain('Commands');
		clock.ms += 2_000;
		expect(await say(1, '/help')).not.toContain('Commands');
	});
});
