import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand } from '../../../src/command/command.js';
import { rateLimitResponse } from '../../fakes/discord-server.js';
import type { FakeMessage } from '../../fakes/discord-server.js';
import { startHarness, type Harness } from './discord-harness.js';

const paragraphCount = 14;
const paragraph = (index: number): string => `Paragraph ${index} ${'lorem ipsum dolor sit amet '.repeat(14)}end ${index}.`;

/** A command that writes a long answer slowly, as a model-backed command would. */
const slowLong = defineCommand({
	name: 'long',
	description: 'A long, slow answer',
	usage: '/long',
	options: [],
	schema: z.object({}),
	async *run() {
		for (let index = 1; index <= paragraphCount; index += 1) {
			yield { type: 'paragraph', spans: [{ text: paragraph(index) }] };
			await new Promise((resolve) => setTimeout(resolve, 90));
		}
	},
});

/** One paragraph longer than two whole messages, with marks that must survive the cuts. */
const huge = defineCommand({
	name: 'huge',
	description: 'One enormous paragraph',
	usage: '/huge',
	options: [],
	schema: z.object({}),
	async *run() {
		yield { type: 'paragraph', spans: [{ text: 'word_with_marks '.repeat(150), bold: true }, { text: 'plain tail '.repeat(200) }] };
	},
});

const allText = (messages: readonly (FakeMessage | undefined)[]): string => messages.map((message) => message?.content ?? '').join('\n\n');

describe('discord streaming against a fake Discord', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ extraCommands: [slowLong, huge] });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when an answer grows slowly past 2000 characters, then the reply is edited as it grows, coalesced, and the rest follows up', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('long');
		await fake.waitFor('the whole answer', () => allText([interaction.original as FakeMessage, ...interaction.followUps]).includes(`end ${paragraphCount}.`), 10_000);
		const edits = fake.callsTo('PATCH', new RegExp(`/webhooks/\\d+/${interaction.token}/messages/@original`));
		// Edited while the command was still writing (it takes ~1.3 s), not only at the end.
		expect(edits.length).toBeGreaterThan(1);
		expect((edits[0]?.at ?? Infinity) - started).toBeLessThan(600);
		// Coalesced: far fewer edits than blocks, and never two within the interval (250 ms in tests).
		expect(edits.length).toBeLessThan(paragraphCount);
		const syncs = fake.calls.filter((call) => call.path.includes(interaction.token) && call.method !== 'GET' && !call.path.endsWith('/callback'));
		for (let index = 2; index < syncs.length - 1; index += 1) expect((syncs[index]?.at ?? 0) - (syncs[index - 2]?.at ?? 0)).toBeGreaterThanOrEqual(200);
		expect(interaction.followUps.length).toBeGreaterThan(0);
		const messages = [interaction.original as FakeMessage, ...interaction.followUps];
		for (const message of messages) expect(message.content.length).toBeLessThanOrEqual(2000);
		const text = allText(messages);
		for (let index = 1; index <= paragraphCount; index += 1) expect(text).toContain(paragraph(index));
		expect(text.indexOf('Paragraph 3 ')).toBeLessThan(text.indexOf('Paragraph 12 '));
	});

	it('when one paragraph is longer than a message, then it is cut into follow-ups without losing words or leaving bold open', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('huge');
		await fake.waitFor('all 200 "tail" words', () => (allText([interaction.original, ...interaction.followUps]).match(/\btail\b/g) ?? []).length >= 200);
		const messages = [interaction.original as FakeMessage, ...interaction.followUps];
		for (const message of messages) {
			expect(message.content.length).toBeLessThanOrEqual(2000);
			expect((message.content.match(/\*\*/g) ?? []).length % 2).toBe(0);
		}
		const words = allText(messages).replace(/\*\*/g, ' ').replace(/\\_/g, '_').split(/\s+/).filter(Boolean);
		expect(words.filter((word) => word === 'word_with_marks')).toHaveLength(150);
		expect(words.filter((word) => word === 'tail')).toHaveLength(200);
	});

	it('when Discord answers an edit with 429, then the adapter waits retry_after and the final reply is still complete', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('story', { number: 2 });
		// Injected right after dispatch: the bot's edit comes after its defer, several round trips later.
		fake.inject({ method: 'PATCH', path: new RegExp(`${interaction.token}/messages/@original$`), response: rateLimitResponse(0.2) });
		const original = await fake.waitFor('the story after the 429', () => (interaction.original?.edits ?? 0) > 0 && interaction.original);
		const edits = fake.callsTo('PATCH', new RegExp(`${interaction.token}/messages/@original`));
		expect(edits.map((call) => call.status)).toEqual([429, 200]);
		expect((edits[1]?.at ?? 0) - (edits[0]?.at ?? 0)).toBeGreaterThanOrEqual(180);
		expect((original.embeds[0] as { title: string }).title).toBe('2\\. Models get smaller');
	});
});
