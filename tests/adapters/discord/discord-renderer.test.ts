import { describe, expect, it } from 'vitest';
import type { Block, CardBlock } from '../../../src/content/block.js';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-id.js';
import { embedSize } from '../../../adapters/discord/discord-embeds.js';
import { renderBlocks } from '../../../adapters/discord/discord-renderer.js';
import { buildSlashCommands } from '../../../adapters/discord/slash-commands.js';
import { commands } from '../../../commands/index.js';

const card = (title: string, bodyLength: number): CardBlock => ({
	type: 'card',
	title,
	url: 'https://example.com/story',
	body: [{ type: 'paragraph', spans: [{ text: 'x '.repeat(bodyLength / 2) }] }],
	footer: 'Section · Digest · Apr 1, 2026',
});

describe('discord renderer limits', () => {
	it('when a story is longer than an embed description, then it continues in further embeds within every limit', () => {
		const messages = renderBlocks([card('A'.repeat(300), 10_000)]);
		const embeds = messages.flatMap((message) => message.embeds);
		expect(embeds.length).toBeGreaterThan(2);
		expect(embeds[0]?.title?.length).toBeLessThanOrEqual(256);
		expect(embeds[0]?.url).toBe('https://example.com/story');
		expect(embeds.at(-1)?.footer?.text).toContain('Apr 1, 2026');
		for (const embed of embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
		for (const message of messages) {
			expect(message.embeds.length).toBeLessThanOrEqual(10);
			expect(message.embeds.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(6000);
		}
	});

	it('when there are more cards than one message can carry, then the rest go to the next message and the buttons to the last', () => {
		const blocks: Block[] = [...Array.from({ length: 12 }, (_, index) => card(`Story ${index}`, 100)), { type: 'actions', actions: [{ label: 'Next', command: 'story', args: ['2'] }] }];
		const messages = renderBlocks(blocks);
		expect(messages.map((message) => message.embeds.length)).toEqual([10, 2]);
		expect(messages[0]?.components).toEqual([]);
		expect(messages[1]?.components).toHaveLength(1);
	});

	it('when text mentions @everyone or looks like Markdown, then it is shown literally', () => {
		const [message] = renderBlocks([{ type: 'paragraph', spans: [{ text: '# not a heading **not bold** @everyone' }] }]);
		expect(message?.content).toBe('\\# not a heading \\*\\*not bold\\*\\* @everyone');
	});

	it('when an action would not fit a 100-character custom id, then it is left out rather than cut', () => {
		expect(encodeCustomId({ label: 'x', command: 'story', args: ['y'.repeat(120)] }, 'edit')).toBeUndefined();
		const id = encodeCustomId({ label: 'x', command: 'story', args: ['3', '2026-04-01'] }, 'edit') as string;
		expect(decodeCustomId(id)).toEqual({ mode: 'edit', command: 'story', args: ['3', '2026-04-01'] });
	});

	it('when commands are turned into slash commands, then hidden ones are left out and required options come first', () => {
		const body = buildSlashCommands(commands);
		expect(body.map((command) => command.name)).not.toContain('start');
		for (const command of body) {
			expect(command.description?.length).toBeLessThanOrEqual(100);
			const required = (command.options ?? []).map((option) => 'required' in option && option.required === true);
			expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
		}
	});
});

describe('discord renderer: text deltas', () => {
	it('when a paragraph grows by deltas then it reads exactly as the whole paragraph would, marks joined', () => {
		const grown = renderBlocks([
			{ type: 'paragraph', spans: [{ text: 'Qwen ' }] },
			{ type: 'delta', spans: [{ text: 'released ', bold: true }] },
			{ type: 'delta', spans: [{ text: 'small_models', bold: true }] },
			{ type: 'delta', spans: [{ text: ' today. ' }] },
		]);
		expect(grown.map((message) => message.content)).toEqual(['Qwen **released small\\_models** today.']);
		expect(grown).toEqual(renderBlocks([{ type: 'paragraph', spans: [{ text: 'Qwen ' }, { text: 'released small_models', bold: true }, { text: ' today.' }] }]));
	});

	it('when a growing paragraph passes 2000 characters then the head is cut at a paragraph break and the rest goes on in the next message', () => {
		const paragraph = `${'word '.repeat(150).trim()}.\n\n`;
		const parts = [{ type: 'paragraph' as const, spans: [{ text: '' }] }, ...Array.from({ length: 8 }, () => ({ type: 'delta' as const, spans: [{ text: paragraph }] }))];
		const messages = renderBlocks(parts);
		// Two 751-character paragraphs fit a message, a third would not: cut between paragraphs, never inside one.
		expect(messages.length).toBe(4);
		for (const message of messages) {
			expect(message.content.length).toBeLessThanOrEqual(2000);
			expect(message.content).toMatch(/^word[\s\S]*word\.$/);
		}
		expect(messages.map((message) => message.content).join('\n\n')).toBe(paragraph.repeat(8).trim());
	});
});
