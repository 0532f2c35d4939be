import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonIds, type FakeMessage } from '../../fakes/discord-server.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/openai-server.js';
import { startHarness, type Harness } from './discord-harness.js';

/** `**small models**` split across chunks: no edit may show a raw or half-escaped mark. */
const chunks = ['Qwen released ', '**sm', 'all mod', 'els** for coding. ', ...Array.from({ length: 40 }, (_, index) => `More detail ${index + 1} about the release. `), 'The end.'];

let llm: FakeLlm;
let harness: Harness;
beforeAll(async () => {
	llm = await startFakeLlm({ script: { chunks }, charsPerSecond: 400 });
	harness = await startHarness({ adapter: { editIntervalMs: 1000, firstBlockWaitMs: 1000 }, env: { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '100' } });
});
afterAll(async () => {
	await harness?.stop();
	await llm?.close();
});

const boldOpen = (content: string): boolean => (content.match(/\*\*/g) ?? []).length % 2 === 1;

describe('discord adapter: /ask through a model (LLM_BASE_URL at the fake)', () => {
	it('when /ask streams then it is deferred at once, edited about once a second with marks closed, and the final reply is complete without Stop', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('ask', { question: 'what did Qwen release?' });
		await fake.waitFor('the complete answer', () => interaction.original?.content.includes('The end.') && buttonIds(interaction.original).every((id) => !id.startsWith('d1|s|')) && interaction.original, 20_000);
		const defer = fake.calls.find((call) => call.path.startsWith(`/interactions/${interaction.id}/`));
		expect(interaction.callbacks[0]?.type).toBe(5);
		expect(defer!.at - started).toBeLessThan(1_000);
		const history = interaction.original!.history;
		expect(history.length).toBeGreaterThanOrEqual(3);
		for (let index = 1; index < history.length - 1; index += 1) expect(history[index]!.at - history[index - 1]!.at).toBeGreaterThanOrEqual(900);
		for (const edit of history) expect(boldOpen(edit.content)).toBe(false);
		expect(history.slice(0, -1).every((edit) => buttonIds({ components: edit.components } as FakeMessage).some((id) => id.startsWith('d1|s|')))).toBe(true);
		expect(interaction.original!.content.startsWith('Qwen released **small models** for coding.')).toBe(true);
	});

	it('when the reader presses Stop then the model request is aborted and the reply keeps what was written, marked stopped, button gone', async () => {
		const { fake } = harness;
		const aborted = llm.aborted();
		const interaction = fake.slashCommand('ask', { question: 'what did Qwen release?' });
		const stopId = await fake.waitFor('text with a Stop button', () => (interaction.original?.content.length ?? 0) > 40 && buttonIds(interaction.original).find((id) => id.startsWith('d1|s|')), 15_000);
		fake.pressButton(interaction.original!, stopId);
		await fake.waitFor('the stopped reply', () => interaction.original?.content.includes('Stopped') && !buttonIds(interaction.original).some((id) => id.startsWith('d1|s|')), 10_000);
		await fake.waitFor('the model request aborted', () => llm.aborted() > aborted);
		expect(interaction.original!.content).not.toContain('The end.');
		expect(interaction.original!.content.startsWith('Qwen released **small models**')).toBe(true);
	});
});
