import { describe, expect, it } from 'vitest';
import { renderReply } from '../../../adapters/telegram/telegram-renderer.js';
import type { Block } from '../../../src/content/block.js';
import { checkEntities } from '../../fakes/telegram-validation.js';

function entityTexts(part: { text: string; entities: readonly { type: string; offset: number; length: number }[] }, type: string): string[] {
	return part.entities.filter((entity) => entity.type === type).map((entity) => part.text.slice(entity.offset, entity.offset + entity.length));
}

describe('telegram renderer', () => {
	it('when text before a mark holds emoji and curly quotes then the entity still covers exactly the marked words', () => {
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: '🚀🇺🇦 “Spark” — ' }, { text: 'bold words', bold: true }, { text: ' and ' }, { text: 'a link', href: 'https://example.com/a' }] }]);
		expect(entityTexts(parts[0]!, 'bold')).toEqual(['bold words']);
		expect(entityTexts(parts[0]!, 'text_link')).toEqual(['a link']);
		expect(checkEntities(parts[0]!.text, parts[0]!.entities)).toBeUndefined();
	});

	it('when digest text contains markup characters then they arrive as literal text, not formatting', () => {
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: '<b>not bold</b> & *stars* _under_ `tick`' }] }]);
		expect(parts[0]).toEqual({ text: '<b>not bold</b> & *stars* _under_ `tick`', entities: [] });
	});

	it('when a link is not an http(s) URL then it is shown as plain text instead of failing the message', () => {
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: 'click', href: 'javascript:alert(1)' }] }]);
		expect(parts[0]!.entities).toEqual([]);
	});

	it('when a code span would overlap other marks then only the code entity is kept', () => {
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: '/story 3', code: true, bold: true, href: 'https://example.com' }] }]);
		expect(parts[0]!.entities).toEqual([{ type: 'code', offset: 0, length: 8 }]);
	});

	it('when many blocks exceed 4096 characters then they are packed into messages without splitting a block', () => {
		const blocks: Block[] = Array.from({ length: 30 }, (_, index) => ({ type: 'paragraph', spans: [{ text: `Block ${index} `, bold: true }, { text: 'x'.repeat(300) }] }));
		const { parts } = renderReply(blocks);
		expect(parts.length).toBeGreaterThan(2);
		for (const part of parts) {
			expect(part.text.length).toBeLessThanOrEqual(4096);
			expect(part.text).toMatch(/^Block \d+ x+/);
			expect(part.text.endsWith('x')).toBe(true);
			expect(checkEntities(part.text, part.entities)).toBeUndefined();
		}
		expect(parts.map((part) => part.text).join('\n\n')).toBe(blocks.map((block) => (block.type === 'paragraph' ? block.spans.map((span) => span.text).join('').trim() : '')).join('\n\n'));
	});

	it('when one block alone is over the limit then it is cut on word boundaries and a mark spanning the cut is bold on both sides', () => {
		const words = Array.from({ length: 1500 }, (_, index) => `wörd${index}`).join(' ');
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: words, bold: true }] }]);
		expect(parts.length).toBeGreaterThan(1);
		for (const part of parts) {
			expect(part.text.length).toBeLessThanOrEqual(4096);
			expect(part.entities).toEqual([{ type: 'bold', offset: 0, length: part.text.length }]);
			expect(part.text).toMatch(/^wörd\d+( wörd\d+)*$/);
		}
	});

	it('when an unbreakable run of emoji is over the limit then no cut falls inside an emoji', () => {
		const { parts } = renderReply([{ type: 'paragraph', spans: [{ text: `a${'😀'.repeat(5000)}`, italic: true }] }]);
		for (const part of parts) {
			expect(part.text.length).toBeLessThanOrEqual(4096);
			expect(part.text).toMatch(/^a?(😀)+$/u);
			expect(checkEntities(part.text, part.entities)).toBeUndefined();
		}
		expect(parts.map((part) => part.text).join('')).toBe(`a${'😀'.repeat(5000)}`);
	});

	it('when an answer is an expected failure then it renders as a plain sentence and reports its code', () => {
		const reply = renderReply([{ type: 'failure', code: 'no-results', spans: [{ text: 'No story matches “<b>”.' }] }]);
		expect(reply.failureCode).toBe('no-results');
		expect(reply.parts).toEqual([{ text: 'No story matches “<b>”.', entities: [] }]);
	});
});

describe('telegram renderer: text deltas', () => {
	it('when a paragraph grows by deltas then it renders exactly as the whole paragraph would, one entity per mark', () => {
		const spans = [{ text: 'Qwen ' }, { text: 'released ', bold: true }, { text: 'small', bold: true }, { text: ' models ' }, { text: 'today', href: 'https://example.com/q' }, { text: '.' }];
		const grown = renderReply([{ type: 'paragraph', spans: [spans[0]!] }, ...spans.slice(1).map((span) => ({ type: 'delta' as const, spans: [span] }))]);
		const whole = renderReply([{ type: 'paragraph', spans: [{ text: 'Qwen ' }, { text: 'released small', bold: true }, { text: ' models ' }, { text: 'today', href: 'https://example.com/q' }, { text: '.' }] }]);
		expect(grown).toEqual(whole);
		expect(entityTexts(grown.parts[0]!, 'bold')).toEqual(['released small']);
	});

	it('when a delta follows a block that is not a paragraph then it starts a paragraph of its own', () => {
		const { parts } = renderReply([{ type: 'heading', level: 2, spans: [{ text: 'Answer' }] }, { type: 'delta', spans: [{ text: 'first words' }] }, { type: 'delta', spans: [{ text: ' and more' }] }]);
		expect(parts.map((part) => part.text)).toEqual(['Answer\n\nfirst words and more']);
	});
});
