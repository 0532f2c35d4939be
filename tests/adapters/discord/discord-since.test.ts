import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeInteraction, FakeMessage } from '../../fakes/discord-server.js';
import type { StoryFixture } from '../../builders/digest-builder.js';
import { startHarness, type Harness } from './discord-harness.js';

type Button = { label: string; custom_id: string };
const buttonsOf = (message: FakeMessage): Button[] => message.components.flatMap((row) => (row as { components: Button[] }).components);
const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

const stories = (section: string, count: number): StoryFixture[] =>
	Array.from({ length: count }, (_, index) => ({ title: `${section} headline ${index + 1}, long enough to read like a real one` }));

/** One issue with more headlines than one Discord message holds. */
const bigDigest = { title: 'Weekly AI Digest', date: '2026-04-01', top: stories('Top', 5), sections: { Research: stories('Research', 30), Tools: stories('Tools', 20) } };

describe('discord: /since against a fake Discord', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ digest: bigDigest });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when the catch-up has several pages then Older ▶ and ◀ Newer edit the same message, each page within one message', async () => {
		const { fake } = harness;
		const since = fake.slashCommand('since', { from: '2026-03-01' });
		const message = await fake.waitFor('page 1', () => answered(since));
		const pageOne = message.content;
		expect(pageOne).toMatch(/^## 1 issue since Mar 1, 2026 — page 1 of \d+/);
		expect(pageOne).toContain('Top headline 1,');
		expect(buttonsOf(message).map((button) => button.label)).toEqual(['Older ▶']);
		expect(since.followUps).toHaveLength(0);

		const older = buttonsOf(message).find((button) => button.label === 'Older ▶') as Button;
		let edits = message.edits;
		const press = fake.pressButton(message, older.custom_id);
		await fake.waitFor('page 2', () => message.edits > edits && message.content.includes('page 2 of'));
		expect(press.callbacks[0]?.type).toBe(6);
		expect(message.content).toContain('(continued)');
		expect(message.content).not.toContain('Top headline 1,');
		expect(buttonsOf(message).map((button) => button.label)).toContain('◀ Newer');

		const newer = buttonsOf(message).find((button) => button.label === '◀ Newer') as Button;
		edits = message.edits;
		fake.pressButton(message, newer.custom_id);
		await fake.waitFor('page 1 again', () => message.edits > edits && message.content.includes('page 1 of'));
		expect(message.content).toBe(pageOne);
	});

	it('when two members of a server ask /since then each is answered from what they themselves were shown', async () => {
		const { fake } = harness;
		const reader = '300000000000000001';
		const newcomer = '300000000000000002';
		const ask = async (name: string, userId: string): Promise<FakeMessage> => {
			const interaction = fake.slashCommand(name, {}, { userId });
			return fake.waitFor(`/${name} by ${userId}`, () => answered(interaction));
		};
		await ask('latest', reader);
		const readerSince = await ask('since', reader);
		const newcomerSince = await ask('since', newcomer);
		expect(readerSince.content).toMatch(/^You’re up to date\. The latest issue is \*\*Weekly AI Digest\*\*/);
		expect(newcomerSince.content).toMatch(/^I haven’t shown you an issue yet/);
	});

	it('when /since gets a future date then the user alone reads the problem and the usage', async () => {
		const { fake } = harness;
		const since = fake.slashCommand('since', { from: '2999-01-01' });
		const message = await fake.waitFor('the answer', () => answered(since));
		expect(since.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(message.content).toContain('2999-01-01 is in the future');
		expect(message.content).toContain('/since [7d|2026-03-01] [page]');
	});
});
