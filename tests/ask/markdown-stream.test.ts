import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSpans } from '../../src/content/assemble-blocks.js';
import type { Span } from '../../src/content/span.js';
import { MarkdownSpanStream, renderAnswerMarkdown, type CitationResolver } from '../../src/ask/markdown-stream.js';

/** Passages 1–3 exist; anything else is invented and removed. */
const resolve: CitationResolver = (inner) => {
	if (!/^\d+$/.test(inner)) return undefined;
	const number = Number(inner);
	return number <= 3 ? [{ text: `[2026-03-03 · ${number}]`, command: `/story ${number} 2026-03-03` }] : [];
};

const word = fc.stringMatching(/^[a-zé]{1,8}$/);
const piece = fc.oneof(
	word,
	word.map((w) => `**${w}**`),
	fc.tuple(word, word).map(([a, b]) => `**${a} ${b}**`),
	word.map((w) => `_${w}_`),
	word.map((w) => `*${w}*`),
	word.map((w) => `\`${w}\``),
	fc.integer({ min: 1, max: 6 }).map((n) => `[${n}]`),
	word.map((w) => `[${w}](https://example.com/${w})`),
	fc.constant('\n'),
	word.map((w) => `\n- ${w}`),
);
const answer = fc.array(piece, { minLength: 1, maxLength: 40 }).map((pieces) => pieces.join(' '));

/** Splits text at random offsets, as a model's tokens arrive. */
const chunked = answer.chain((text) =>
	fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, text.length - 1) }), { maxLength: 30 }).map((cuts) => {
		const points = [0, ...cuts.filter((cut) => cut < text.length).sort((a, b) => a - b), text.length];
		return { text, chunks: points.slice(1).map((end, index) => text.slice(points[index], end)) };
	}),
);

function stream(chunks: readonly string[]): Span[][] {
	const markdown = new MarkdownSpanStream(resolve);
	const deltas = chunks.map((chunk) => markdown.push(chunk));
	deltas.push(markdown.end());
	return deltas;
}

describe('when a model’s Markdown streams in arbitrary chunks', () => {
	it('then the deltas joined equal the rendering of the whole answer', () => {
		fc.assert(
			fc.property(chunked, ({ text, chunks }) => {
				const joined = stream(chunks).reduce<Span[]>((all, delta) => joinSpans(all, delta), []);
				expect(joined).toEqual(joinSpans([], renderAnswerMarkdown(text, resolve)));
			}),
			{ numRuns: 300 },
		);
	});

	it('then no prefix shows a raw mark, an open bracket or an invented citation', () => {
		fc.assert(
			fc.property(chunked, ({ chunks }) => {
				for (const delta of stream(chunks))
					for (const span of delta) {
						expect(span.text).not.toMatch(/[*_`]/);
						if (span.command === undefined) expect(span.text).not.toMatch(/[[\]]/);
						else expect(span.text).toMatch(/^\[2026-03-03 · [1-3]\]$/);
					}
			}),
			{ numRuns: 300 },
		);
	});

	it('then a mark split across chunks is held back until it closes', () => {
		const markdown = new MarkdownSpanStream(resolve);
		expect(markdown.push('Qwen **shi')).toEqual([{ text: 'Qwen' }]);
		expect(markdown.push('pped fo')).toEqual([]);
		expect(markdown.push('ur** sizes [')).toEqual([{ text: ' ' }, { text: 'shipped four', bold: true }, { text: ' sizes' }]);
		expect(markdown.push('1] ok')).toEqual([{ text: ' ' }, { text: '[2026-03-03 · 1]', command: '/story 1 2026-03-03' }]);
		expect(markdown.end()).toEqual([{ text: ' ok' }]);
	});

	it('then a thinking model’s <think> block is never shown', () => {
		const markdown = new MarkdownSpanStream(resolve);
		expect(markdown.push('<think>the user wants ')).toEqual([]);
		expect(markdown.push('Qwen</think>\nQwen released models.')).toEqual([{ text: 'Qwen released' }]);
	});
});
