import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './discord-harness.js';

type Registered = { name: string; description: string; description_localizations?: Record<string, string>; options?: { name: string; description_localizations?: Record<string, string> }[] };

describe('discord adapter: the bot in the reader’s language', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness();
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when the commands are registered then each carries Russian and Chinese descriptions, for itself and its options, and English names', () => {
		const registered = (harness.fake.commands.get('global') ?? []) as Registered[];
		const story = registered.find((command) => command.name === 'story');
		expect(story?.description).toBe('Read one story in full');
		expect(story?.description_localizations).toEqual({ ru: 'Прочитать материал целиком', 'zh-CN': '阅读一篇完整文章' });
		expect(story?.options?.find((option) => option.name === 'number')?.description_localizations).toEqual({ ru: 'Номер материала', 'zh-CN': '文章编号' });
		expect(registered.every((command) => command.description_localizations?.['zh-CN'] && command.description_localizations.ru)).toBe(true);
	});

	it('when a zh-CN user sends /help then the heading, descriptions and footnote are Chinese', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('help', {}, { locale: 'zh-CN' });
		const original = await fake.waitFor('the /help answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(original.content).toContain('命令');
		expect(original.content).toContain('阅读一篇完整文章');
		expect(original.content).toContain('文章在每一期内编号');
		expect(original.content).not.toMatch(/Commands|Read one story/);
	});

	it('when a Russian-language user who is no bot admin uses /status then only they see the refusal, in Russian', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('status', {}, { locale: 'ru' });
		const original = await fake.waitFor('the refusal', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(interaction.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(original.content).toContain('Состояние бота видят только его администраторы.');
	});

	it('when a zh-CN user asks for /story number:99 then only they see the failure, in Chinese', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 99 }, { locale: 'zh-CN' });
		const original = await fake.waitFor('the error', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(interaction.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(original.content).toMatch(/中没有第 99 篇。文章编号为 1–\d+；试试 `\/story 1`。/);
	});

	it('when a zh-CN user sends /top then the heading, the date and the buttons are Chinese, the story titles as written', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('top', {}, { locale: 'zh-CN' });
		const original = await fake.waitFor('the /top answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(original.content).toContain('头条 — ');
		expect(original.content).toContain('2026年4月1日');
		expect(original.embeds.map((embed) => embed.title)).toContain('1\\. Chips get cheaper');
		const buttons = (original.components[0] as { components: { label: string }[] }).components.map((button) => button.label);
		expect(buttons).toEqual(['第 1 篇', '第 2 篇', '第 3 篇', '第 4 篇', '第 5 篇']);
	});

	it('when a Russian-language user sends /story then the card’s sources field and footer are Russian', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 3 }, { locale: 'ru' });
		const original = await fake.waitFor('the /story answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		const embed = original.embeds[0] as { footer: { text: string }; fields: { name: string }[] };
		expect(embed.fields[0]?.name).toBe('Источники');
		expect(embed.footer.text).toMatch(/1 апр\. 2026 г\. · материал 3 из \d+/);
	});
});
