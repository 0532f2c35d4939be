import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorResponse, type FakeInteraction, type FakeMessage } from '../../fakes/discord-server.js';
import { startHarness, type Harness } from './discord-harness.js';

type Button = { label: string; custom_id: string };
const buttonsOf = (message: FakeMessage): Button[] => message.components.flatMap((row) => (row as { components: Button[] }).components);
const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

describe('discord autocomplete, buttons and errors against a fake Discord', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness();
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when a user types a story number or title word, then the matching stories are suggested by title', async () => {
		const { fake } = harness;
		const byNumber = fake.autocomplete('story', 'number', '3');
		const choices = await fake.waitFor('suggestions', () => byNumber.callbacks[0]);
		expect(choices.type).toBe(8);
		expect(choices.data?.choices).toEqual([{ name: '3. Open weights ||win|| a_b_c', value: 3 }]);
		const byWord = fake.autocomplete('story', 'number', 'robots', { issue: '2026-04-01' });
		const words = await fake.waitFor('suggestions', () => byWord.callbacks[0]);
		expect(words.data?.choices).toEqual([{ name: '4. Robots learn chores', value: 4 }]);
	});

	it('when a user types part of a date for /issue, then issues are suggested with their dates', async () => {
		const { fake } = harness;
		const interaction = fake.autocomplete('issue', 'issue', '2026-04');
		const callback = await fake.waitFor('suggestions', () => interaction.callbacks[0]);
		expect(callback.data?.choices).toEqual([{ name: expect.stringContaining('2026-04-01'), value: '2026-04-01' }]);
	});

	it('when a user presses "Story 4 ▶" under story 3, then the same message now shows story 4', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 3 });
		const message = await fake.waitFor('story 3', () => answered(story));
		const next = buttonsOf(message).find((button) => button.label === 'Story 4 ▶') as Button;
		const editsBefore = message.edits;
		const press = fake.pressButton(message, next.custom_id);
		await fake.waitFor('the pressed message to change', () => message.edits > editsBefore);
		expect(press.callbacks[0]?.type).toBe(6);
		expect((message.embeds[0] as { title: string }).title).toBe('4\\. Robots learn chores');
		expect(buttonsOf(message).map((button) => button.label)).toEqual(['◀ Story 3', 'Story 5 ▶']);
	});

	it('when a user presses "Sources", then a new reply lists the sources and the story stays', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 3 });
		const message = await fake.waitFor('story 3', () => answered(story));
		const sources = buttonsOf(message).find((button) => button.label === 'Sources') as Button;
		const press = fake.pressButton(message, sources.custom_id);
		const reply = await fake.waitFor('the sources reply', () => answered(press));
		expect(press.callbacks[0]?.type).toBe(5);
		expect(reply.id).not.toBe(message.id);
		expect(reply.content).toContain('Sources for story 3');
		expect(reply.content).toContain('https://example.com/s/2');
		expect((message.embeds[0] as { title: string }).title).toContain('Open weights');
	});

	it('when a button from an unknown format is pressed, then the user alone is told to run the command again', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 1 });
		const message = await fake.waitFor('story 1', () => answered(story));
		const press = fake.pressButton(message, 'legacy:story:2');
		const callback = await fake.waitFor('the answer', () => press.callbacks[0]);
		expect(callback).toMatchObject({ type: 4, data: { flags: 64 } });
	});

	it('when Discord refuses the answer with Missing Permissions (50013), then the user is told privately and the bot keeps answering', async () => {
		const { fake } = harness;
		const denied = fake.slashCommand('top');
		fake.inject({ method: 'PATCH', path: new RegExp(`${denied.token}/messages/@original$`), response: apiErrorResponse(403, 50013, 'Missing Permissions') });
		const notice = await fake.waitFor('the permission notice', () => denied.followUps[0]);
		expect(notice.flags).toBe(64);
		expect(notice.content).toContain('not allowed to post here');
		const next = fake.slashCommand('story', { number: 1 });
		expect((await fake.waitFor('the next answer', () => answered(next))).embeds).toHaveLength(1);
	});

	it('when the interaction has expired (10062), then the failure is survived and the next command is answered', async () => {
		const { fake } = harness;
		const expired = fake.slashCommand('top');
		fake.inject({ method: 'POST', path: new RegExp(`${expired.token}/callback$`), response: apiErrorResponse(404, 10062, 'Unknown interaction') });
		await fake.waitFor('the refused acknowledgement', () => fake.callsTo('POST', new RegExp(`${expired.token}/callback$`)).length > 0);
		const next = fake.slashCommand('top');
		expect((await fake.waitFor('the next answer', () => answered(next))).content).toContain('Top stories');
		expect(expired.followUps).toEqual([]);
	});

	it('when Discord fails with 5xx on an edit, then discord.js retries and the answer still arrives', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 5 });
		fake.inject({ method: 'PATCH', path: new RegExp(`${interaction.token}/messages/@original$`), response: { status: 502, body: { message: 'Bad Gateway' } } });
		const message = await fake.waitFor('the story', () => answered(interaction));
		expect((message.embeds[0] as { title: string }).title).toBe('5\\. Rules for agents');
		expect(fake.callsTo('PATCH', new RegExp(`${interaction.token}/messages/@original$`)).map((call) => call.status)).toEqual([502, 200]);
	});
});
