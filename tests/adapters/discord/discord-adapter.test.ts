import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './discord-harness.js';

describe('discord adapter against a fake Discord', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness();
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when it starts, then it identifies with only the Guilds intent and registers every visible command globally', () => {
		const { fake } = harness;
		expect(fake.gateway.identifies).toEqual([{ tokenMatches: true, intents: 1, shard: [0, 1] }]);
		const registered = fake.commands.get('global') ?? [];
		const names = registered.map((command) => command.name);
		expect(names).toEqual(expect.arrayContaining(['top', 'story', 'search', 'issue', 'sources', 'help']));
		expect(names).not.toContain('start');
		const story = registered.find((command) => command.name === 'story') as { options: { name: string; type: number; required: boolean; autocomplete?: boolean }[] };
		expect(story.options[0]).toMatchObject({ name: 'number', type: 4, required: true, autocomplete: true });
		expect(story.options[1]).toMatchObject({ name: 'issue', type: 3, required: false, autocomplete: true });
	});

	it('when a user sends /top, then the reply is deferred and then shows the top stories as embeds with buttons', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('top');
		const original = await fake.waitFor('the /top answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(interaction.callbacks[0]?.type).toBe(5);
		expect(original.content).toContain('Top stories');
		const titles = original.embeds.map((embed) => embed.title);
		expect(titles).toEqual(['1\\. Chips get cheaper', '2\\. Models get smaller', '3\\. Open weights \\|\\|win\\|\\| a\\_b\\_c', '4\\. Robots learn chores', '5\\. Rules for agents']);
		const buttons = (original.components[0] as { components: { label: string }[] }).components.map((button) => button.label);
		expect(buttons).toEqual(['Story 1', 'Story 2', 'Story 3', 'Story 4', 'Story 5']);
	});

	it('when a user sends /story number:3, then the story arrives as one embed with its link, sources and issue date', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 3 });
		const original = await fake.waitFor('the /story answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(original.flags & 64).toBe(0);
		expect(original.embeds).toHaveLength(1);
		const embed = original.embeds[0] as { title: string; description: string; footer: { text: string }; fields: { name: string; value: string }[] };
		expect(embed.title).toBe('3\\. Open weights \\|\\|win\\|\\| a\\_b\\_c');
		expect(embed.description).toContain('Labs released \\|\\|weights\\|\\| under 50% licences, see a\\_b\\_c.');
		expect(embed.footer.text).toContain('Apr 1, 2026');
		expect(embed.fields[0]?.name).toBe('Sources');
		expect(embed.fields[0]?.value).toContain('(<https://example.com/s/2>)');
		const labels = (original.components[0] as { components: { label: string }[] }).components.map((button) => button.label);
		expect(labels).toEqual(['◀ Story 2', 'Sources', 'Story 4 ▶']);
	});

	it('when a user asks for /story number:99, then only they see an error naming the valid range', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 99 });
		const original = await fake.waitFor('the error', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect(interaction.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(original.content).toContain('There is no story 99');
		expect(original.embeds).toEqual([]);
	});

	it('when a user sends /story in a DM, then it is answered there too', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 1 }, { dm: true });
		const original = await fake.waitFor('the DM answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		expect((original.embeds[0] as { title: string }).title).toContain('Chips get cheaper');
	});
});
