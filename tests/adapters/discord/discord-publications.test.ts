import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../adapters/discord/custom-id.js';
import { buttonIds, type FakeInteraction } from '../../fakes/discord-server.js';
import { longSlug, startSeveralPublications, type SeveralPublications } from '../publications-fixture.js';
import { startHarness, type Harness } from './discord-harness.js';

type Choice = { name: string; value: string | number };

/** The suggestions the bot answered an autocomplete with (the fake refuses what Discord would). */
async function suggestions(harness: Harness, interaction: FakeInteraction): Promise<Choice[]> {
	const callback = await harness.fake.waitFor('suggestions', () => interaction.callbacks[0]);
	expect(callback.type).toBe(8);
	return callback.data?.choices as Choice[];
}

const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

describe('discord with several publications, one of them with the longest slug allowed', () => {
	let several: SeveralPublications;
	let harness: Harness;
	beforeAll(async () => {
		several = await startSeveralPublications();
		harness = await startHarness({ archive: several.archive, publications: several.publications });
	});
	afterAll(async () => {
		await harness?.stop();
		await several.cleanup();
	});

	it('when the commands are registered then those that take a publication offer it with completions, in servers, the bot DM and group DMs', () => {
		const registered = harness.fake.commands.get('global') ?? [];
		for (const name of ['latest', 'top', 'issues']) {
			const command = registered.find((candidate) => candidate.name === name);
			expect(command?.contexts, name).toEqual([0, 1, 2]);
			expect(command?.options, name).toContainEqual(expect.objectContaining({ name: 'publication', type: 3, autocomplete: true, required: false }));
		}
	});

	it('when a reader has chosen a publication and types a story number then the suggestions are that publication\'s stories', async () => {
		const react = await suggestions(harness, harness.fake.autocomplete('story', 'number', '', { publication: 'react' }));
		expect(react.map((choice) => choice.name)).toEqual(['1. Async rendering arrives in React', '2. Server components explained']);
		const rust = await suggestions(harness, harness.fake.autocomplete('story', 'number', '', { publication: 'rust' }));
		expect(rust.map((choice) => choice.name)).toEqual(['1. Async closures land in stable', '2. The borrow checker gets faster']);
	});

	it('when a reader types an issue date then each suggestion says whose issue it is, and a chosen publication narrows them to its own', async () => {
		const all = await suggestions(harness, harness.fake.autocomplete('issue', 'issue', '2026-04-08'));
		expect(all.map((choice) => choice.name.split(' · ')[0]).sort()).toEqual(['Long Slug Weekly', 'React Status', 'This Week in Rust']);
		// Ids, unique across publications, are the values.
		expect(new Set(all.map((choice) => choice.value)).size).toBe(3);
		const rust = await suggestions(harness, harness.fake.autocomplete('issue', 'issue', '2026-04', { publication: 'rust' }));
		expect(rust.map((choice) => choice.value)).toEqual(['rust-2026-04-08', 'rust-2026-04-01']);
	});

	it('when a reader types a publication in a DM through their own install then its configured name is suggested, valued by slug', async () => {
		const choices = await suggestions(harness, harness.fake.autocomplete('latest', 'publication', 'rust', {}, { userInstall: true, dm: true }));
		expect(choices).toEqual([{ name: 'This Week in Rust (rust)', value: 'rust' }]);
		const long = await suggestions(harness, harness.fake.autocomplete('latest', 'publication', 'longest', {}, { userInstall: true, dm: true }));
		expect(long).toEqual([{ name: `Long Slug Weekly (${longSlug})`, value: longSlug }]);
	});

	it('when a reader asks /latest with a publication in a DM through their own install then that publication\'s latest issue is the answer', async () => {
		const interaction = harness.fake.slashCommand('latest', { publication: 'react' }, { userInstall: true, dm: true });
		const answer = await harness.fake.waitFor('the answer', () => answered(interaction), 10_000);
		const text = JSON.stringify([answer.content, answer.embeds]);
		expect(text).toContain('React Status 401');
		expect(text).not.toContain('This Week in Rust 501');
	});

	it('when /top is asked where no publication is followed then the chooser\'s buttons carry each publication within 100 characters, and the long slug\'s opens its top stories', async () => {
		const interaction = harness.fake.slashCommand('top', { n: 3 });
		const chooser = await harness.fake.waitFor('the chooser', () => answered(interaction), 10_000);
		const ids = buttonIds(chooser);
		expect(ids.map((id) => decodeCustomId(id)?.args)).toEqual([['rust', '3'], ['react', '3'], [longSlug, '3']]);
		for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
		const edits = chooser.edits;
		harness.fake.pressButton(chooser, ids[2]!);
		await harness.fake.waitFor('the top stories', () => chooser.edits > edits && JSON.stringify(chooser.embeds).includes('A story from the long-slug publication'), 10_000);
		// Its story button carries the id whole.
		expect(buttonIds(chooser).map((id) => decodeCustomId(id)?.args)).toContainEqual(['1', `${longSlug}-2026-04-08`]);
	});
});
