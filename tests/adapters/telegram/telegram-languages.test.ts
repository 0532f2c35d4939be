import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyvChatLanguageStore } from '../../../src/i18n/chat-language-store.js';
import { createKeyvSubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { botReplies, buttonLabels, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	const keyv = new Keyv();
	harness = await startHarness({ subscriptions: createKeyvSubscriptionStore(keyv), languages: createKeyvChatLanguageStore(keyv) });
});
afterAll(() => harness.close());

/** Sends one command as `user` in their private chat and returns the whole answer's text and its messages. */
async function ask(user: ReturnType<typeof newUser>, text: string, count = 1) {
	const chat = privateChat(user);
	const before = harness.fake.botMessages(chat.id).length;
	harness.fake.postText(chat, text, { from: user });
	const replies = (await botReplies(harness.fake, chat.id, before + count)).slice(before);
	return { text: replies.map((message) => message.text).join('\n\n'), replies };
}

describe('telegram adapter: the bot in the reader’s language', () => {
	it('when the bot starts then it registers the English menu for everyone and a Russian and a Chinese one under their language codes', () => {
		const calls = harness.fake.callsTo('setMyCommands');
		const menu = (code: string | undefined) => calls.find((call) => call.params.language_code === code)?.params.commands as { command: string; description: string }[] | undefined;
		expect(calls.every((call) => call.ok)).toBe(true);
		expect(menu(undefined)).toContainEqual({ command: 'story', description: 'Read one story in full' });
		expect(menu('ru')).toContainEqual({ command: 'story', description: 'Прочитать материал целиком' });
		expect(menu('zh')).toContainEqual({ command: 'story', description: '阅读一篇完整文章' });
		// Same commands in every menu: only the words change.
		expect(menu('ru')?.map((entry) => entry.command)).toEqual(menu(undefined)?.map((entry) => entry.command));
	});

	it('when a Russian-language user who is no bot admin sends /status then the dispatcher refuses it, once, in Russian', async () => {
		const { text, replies } = await ask({ ...newUser('Pyotr'), language_code: 'ru' }, '/status');
		expect(replies).toHaveLength(1);
		expect(text).toBe('Состояние бота видят только его администраторы.');
	});

	it('when a Russian-language user sends /help then the heading, descriptions, usage and footnote are Russian', async () => {
		const { text } = await ask({ ...newUser('Ivan'), language_code: 'ru' }, '/help');
		expect(text).toContain('Команды');
		expect(text).toContain('/story N [выпуск] — Прочитать материал целиком');
		expect(text).toContain('Материалы пронумерованы внутри каждого выпуска');
		expect(text).not.toMatch(/Commands|Read one story|Stories are numbered/);
	});

	it('when a Russian-language user asks for a story that does not exist or types a bad number then the failures are Russian', async () => {
		const user = { ...newUser('Olga'), language_code: 'ru' };
		expect((await ask(user, '/story 99')).text).toMatch(/^В выпуске «.+» нет материала 99\. Материалы пронумерованы от 1 до 34; попробуйте \/story 1\.$/);
		expect((await ask(user, '/story abc')).text).toBe('Номер материала: должно быть числом, например 3. Использование: /story N [выпуск]');
		expect((await ask(user, '/frobnicate')).text).toContain('Я не знаю команды /frobnicate.');
	});

	it('when a Russian-language user sends /top and /story then headings, buttons and dates are Russian while the digest text stays as written', async () => {
		const user = { ...newUser('Pavel'), language_code: 'ru' };
		const top = await ask(user, '/top 3');
		expect(top.text).toMatch(/^Главное — AI High Signal Digest · \d{1,2} [а-я]+\.? 2026 г\./);
		expect(top.text).toContain('Читать: /story 1');
		expect(buttonLabels(top.replies.at(-1))).toEqual(['Материал 1', 'Материал 2', 'Материал 3']);
		const story = await ask(user, '/story 3');
		expect(story.text).toContain('Coding-model speed race intensifies');
		expect(story.text).toContain('Источники');
		expect(story.text).toMatch(/материал 3 из 34/);
		expect(buttonLabels(story.replies[0])).toEqual(['◀ Материал 2', 'Источники', 'Материал 4 ▶']);
	});

	it('when a chat chooses /settings language zh then an English-speaking reader there is answered in Chinese from then on', async () => {
		const user = { ...newUser('Grace'), language_code: 'en' };
		expect((await ask(user, '/help')).text).toContain('Commands');
		expect((await ask(user, '/settings language zh')).text).toBe('已保存：从现在起我在本聊天中用简体中文回答。');
		const help = await ask(user, '/help');
		expect(help.text).toContain('命令');
		expect(help.text).toContain('/story N [期] — 阅读一篇完整文章');
		expect((await ask(user, '/settings language xx')).text).toBe('我还不会说“xx”。可用语言：en, ru, zh。');
		expect((await ask(user, '/settings language en')).text).toBe('Saved: I now answer this chat in English.');
	});
});
