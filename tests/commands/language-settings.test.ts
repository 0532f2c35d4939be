import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { failure } from '../../src/i18n/failures.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { createKeyvChatLanguageStore } from '../../src/i18n/chat-language-store.js';
import { createContentCache } from '../../src/delivery/deliver-job.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A Telegram group (-100) whose admin may also name channels; "@nochannel" does not exist. Its failures are built in English, as adapters build them. */
const access: ChatAccess = {
	async resolveTarget(reference): Promise<TargetResolution> {
		if (reference === '@nochannel') return { ok: false, failure: failure('target-not-found', { reference }) };
		return { ok: true, resolved: { target: { platform: 'telegram', chatId: reference ?? '-100' }, kind: reference ? 'channel' : 'group', label: reference ?? 'this group' } };
	},
	// A Telegram-like platform: chats are named "@name".
	isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	listScope: () => ({ platform: 'telegram', chatId: '-100' }),
};

async function setup() {
	const archive = await referenceArchive();
	const keyv = new Keyv();
	const languages = createKeyvChatLanguageStore(keyv);
	const subscriptions = createKeyvSubscriptionStore(keyv);
	const dispatcher = createDispatcher(commands, { services: { archive, languages, subscriptions } });
	const say = async (text: string, locale?: string): Promise<Block[]> => {
		const origin = { access, chat: { platform: 'telegram' as const, id: '-100', kind: 'group' as const }, user: { id: 'admin' }, locale };
		const blocks: Block[] = [];
		for await (const block of completeBlocks(dispatcher.runText(text, origin))) blocks.push(block);
		return blocks;
	};
	return { say, languages, subscriptions, archive };
}

describe('when a chat or channel chooses its language', () => {
	it('when a Russian-speaking admin subscribes a channel then the channel reads in Russian, and the group keeps following each reader', async () => {
		const { say, languages } = await setup();
		expect(textOf(await say('/subscribe @digest_news', 'ru-RU'))).toContain('✅ @digest_news: подписка оформлена.');
		expect(await languages.get({ platform: 'telegram', chatId: '@digest_news' })).toBe('ru');
		expect(await languages.get({ platform: 'telegram', chatId: '-100' })).toBeUndefined();
		expect(textOf(await say('/help', 'en'))).toContain('Commands');
	});

	it('when an admin sets a channel’s language then that channel’s choice is saved and named in the new language', async () => {
		const { say, languages } = await setup();
		expect(textOf(await say('/settings language zh @digest_news'))).toBe('已保存：从现在起我在@digest_news中用简体中文回答。');
		expect(await languages.get({ platform: 'telegram', chatId: '@digest_news' })).toBe('zh-CN');
	});

	it('when a group chose Russian then a failure the platform built in English reaches its readers in Russian', async () => {
		const { say } = await setup();
		expect(textOf(await say('/settings language ru'))).toBe('Сохранено: теперь я отвечаю по-русски (эта группа).');
		expect(textOf(await say('/subscribe @nochannel', 'en'))).toBe('Я не нахожу @nochannel или не состою там. Сначала добавьте меня туда.');
		expect(textOf(await say('/unsubscribe', 'en'))).toBe('Эта группа: подписки нет. Отправьте /subscribe, чтобы получать новые выпуски.');
	});

	it('when a Russian-speaking admin subscribes a channel then its posts are worded in Russian, and in Chinese once its language is changed', async () => {
		const { say, subscriptions, archive } = await setup();
		await say('/subscribe @digest_news headlines', 'ru');
		const post = async () => {
			const subscription = await subscriptions.getByTarget({ platform: 'telegram', chatId: '@digest_news' });
			return textOf(createContentCache()(archive.latest()!, subscription!));
		};
		const russian = await post();
		expect(russian).toContain('Главные заголовки');
		expect(russian).toContain('Обзор | Материал 1');
		expect(russian).toContain(archive.latest()!.issue.stories[0]!.title);
		await say('/settings language zh @digest_news', 'ru');
		const chinese = await post();
		expect(chinese).toContain('头条标题');
		expect(chinese).not.toMatch(/Главные|Top headlines|Overview/);
	});
});
