import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonIds, type FakeInteraction, type FakeMessage } from '../../fakes/discord-server.js';
import { chunkText, createSlowAnswerCommand } from '../../helpers/slow-answer.js';
import { startHarness, type Harness } from './discord-harness.js';

const answerText = 'Qwen released small open-weight models tuned for coding and tool use, with a long context window. ';
/** About 3 s of writing, 60 ms between chunks. */
const slow = createSlowAnswerCommand({ name: 'slow', thinkMs: 300, chunks: chunkText(answerText.repeat(5), 10), delayMs: 60 });
const endless = createSlowAnswerCommand({ name: 'endless', chunks: chunkText(answerText.repeat(30), 10), delayMs: 40 });
const paragraph = `${'A paragraph of the long answer, written a few words at a time. '.repeat(10).trim()}\n\n`;
const long = createSlowAnswerCommand({
	name: 'long',
	chunks: [[{ text: 'Summary: ' }, { text: 'bold ', bold: true }], [{ text: 'words_here', bold: true }, { text: ' then text.\n\n' }], ...chunkText(paragraph.repeat(7), 120)],
	delayMs: 5,
});

let harness: Harness;
beforeAll(async () => {
	// Production pacing: one edit a second.
	harness = await startHarness({ extraCommands: [slow.command, endless.command, long.command], adapter: { editIntervalMs: 1000, firstBlockWaitMs: 1000 } });
});
afterAll(() => harness?.stop());

const callbackAt = (interaction: FakeInteraction): number | undefined =>
	harness.fake.calls.find((call) => call.path.startsWith(`/interactions/${interaction.id}/`) && call.method === 'POST')?.at;

describe('discord adapter: generated answers', () => {
	it('when a slow answer streams then it is deferred at once, edited at most once a second with a Stop button, and ends complete without it', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('slow', { question: 'what did Qwen release?' });
		const final = answerText.repeat(5).trim();
		await fake.waitFor('the complete answer', () => interaction.original?.content === final && buttonIds(interaction.original).length === 0, 15_000);
		expect(interaction.callbacks[0]?.type).toBe(5);
		expect(callbackAt(interaction)! - started).toBeLessThan(1_000);
		const history = interaction.original!.history;
		// Several edits while it was written, each showing more, the Stop button on all but the last;
		// the final edit goes out at once (Discord allows a burst of five), the others a second apart.
		expect(history.length).toBeGreaterThanOrEqual(3);
		for (let index = 1; index < history.length - 1; index += 1) expect(history[index]!.at - history[index - 1]!.at).toBeGreaterThanOrEqual(900);
		const growing = history.slice(0, -1);
		expect(growing.every((edit) => buttonIds({ components: edit.components } as FakeMessage).some((id) => id.startsWith('d1|s|')))).toBe(true);
		const texts = history.map((edit) => edit.content).filter((content) => content !== 'Thinking…');
		for (const text of texts) expect(final.startsWith(text)).toBe(true);
		expect(new Set(texts).size).toBeGreaterThanOrEqual(2);
	});

	it('when a zh-CN reader’s answer streams then the placeholder and the Stop button are Chinese, the answer as written', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('slow', {}, { locale: 'zh-CN' });
		await fake.waitFor('the complete answer', () => interaction.original?.content === answerText.repeat(5).trim() && buttonIds(interaction.original).length === 0, 15_000);
		const history = interaction.original!.history;
		const labels = history.flatMap((edit) => edit.components.flatMap((row) => ((row.components as { label?: string }[] | undefined) ?? []).map((button) => button.label)));
		expect(history[0]?.content).toBe('思考中…');
		expect(labels).toContain('停止');
		expect(labels).not.toContain('Stop');
	});

	it('when the reader presses Stop then the answer stops, keeps what was written marked stopped, and the button is gone', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('endless');
		const shown = await fake.waitFor('a growing reply with a Stop button', () => (interaction.original?.content.length ?? 0) > 30 && buttonIds(interaction.original)[0], 10_000);
		const press = fake.pressButton(interaction.original!, shown);
		await fake.waitFor('the stopped reply', () => interaction.original?.content.includes('Stopped') && buttonIds(interaction.original).length === 0, 10_000);
		expect(press.callbacks[0]?.type).toBe(6);
		expect(endless.log.stoppedAfter).toBeGreaterThan(0);
		const [written] = interaction.original!.content.split('\n\n');
		expect(answerText.repeat(30).startsWith(written!)).toBe(true);
		expect(written!.length).toBeLessThan(answerText.length * 30 - 100);
	});

	it('when someone else presses Stop, or presses it after the answer ended, then the answer is not touched and they are told why', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('slow');
		const stopId = await fake.waitFor('the Stop button', () => buttonIds(interaction.original)[0], 10_000);
		const stranger = fake.pressButton(interaction.original!, stopId, { userId: '123456789012345678' });
		await fake.waitFor('the refusal', () => stranger.callbacks[0]);
		expect(stranger.callbacks[0]).toMatchObject({ type: 4, data: { content: 'Only the person who asked can stop this answer.', flags: 64 } });
		await fake.waitFor('the complete answer', () => interaction.original?.content === answerText.repeat(5).trim() && buttonIds(interaction.original).length === 0, 15_000);
		const late = fake.pressButton(interaction.original!, stopId);
		await fake.waitFor('the late answer', () => late.callbacks[0]);
		expect(late.callbacks[0]).toMatchObject({ type: 4, data: { content: 'This answer is already complete.' } });
	});

	it('when a streamed answer outgrows 2000 characters then it continues in follow-ups, cut between paragraphs, marks closed', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('long');
		const all = (): FakeMessage[] => [interaction.original!, ...interaction.followUps];
		await fake.waitFor('the whole answer', () => interaction.original && buttonIds(interaction.original).length === 0 && all().map((message) => message.content).join('\n\n').split('\n\n').length === 8, 15_000);
		const messages = all();
		expect(messages.length).toBeGreaterThanOrEqual(2);
		expect(messages[0]!.content.startsWith('Summary: **bold words\\_here** then text.')).toBe(true);
		for (const message of messages) {
			expect(message.content.length).toBeLessThanOrEqual(2000);
			expect((message.content.match(/\*\*/g) ?? []).length % 2).toBe(0);
			expect(message.content).toMatch(/a time\.$/);
		}
	});
});
