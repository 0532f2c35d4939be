import { describe, expect, it } from 'vitest';
import { renderRichPieces } from '../../../../adapters/telegram/rich/rich-blocks.js';
import { sideBySide } from '../../../../adapters/telegram/rich/rich-limits.js';
import { RichMessageTooLargeError } from '../../../../adapters/telegram/rich/rich-message-error.js';
import { packRichMessages } from '../../../../adapters/telegram/rich/rich-splitter.js';
import type { Block, CardBlock, ReplyPart } from '../../../../src/content/block.js';
import { issueContent } from '../../../../src/present/issue-content.js';
import { checkRichMessage } from '../../../fakes/telegram-rich-validation.js';
import { referenceArchive } from '../../../helpers/archive-fixture.js';
import { footnotesOf, outline, richNodes } from './rich-outline.js';

/** Renders parts into one message's blocks, checked by the fake's validator. */
function render(parts: readonly ReplyPart[]) {
	const [message, ...rest] = packRichMessages(renderRichPieces(parts));
	expect(rest).toEqual([]);
	const checked = checkRichMessage(message);
	expect('error' in checked ? checked.error : 'accepted').toBe('accepted');
	return message!.blocks!;
}

describe('rich renderer', () => {
	it('when it renders the reference issue then what it counted while building equals what Telegram would count', async () => {
		const archived = (await referenceArchive()).latest()!;
		const pieces = renderRichPieces(issueContent(archived, 'full'), { storyFooters: false });
		const counted = sideBySide(pieces.map((piece) => piece.cost));
		const checked = checkRichMessage({ blocks: pieces.flatMap((piece) => piece.blocks) });
		if ('error' in checked) throw new Error(checked.error);
		expect(counted.blocks).toBe(checked.census.blocks);
		expect(counted.depth).toBe(checked.census.depth);
		// UTF-16 units: never fewer than Telegram's code points, so the count errs on the safe side.
		expect(counted.characters).toBeGreaterThanOrEqual(checked.census.characters);
		expect(counted.characters - checked.census.characters).toBeLessThan(100);
	});

	it('when text deltas follow a paragraph then they grow that paragraph, as a streamed answer reads once finished', () => {
		const blocks = render([{ type: 'paragraph', spans: [{ text: 'Hello' }] }, { type: 'delta', spans: [{ text: ' world' }] }, { type: 'delta', spans: [{ text: '!', bold: true }] }]);
		expect(blocks).toEqual([{ type: 'paragraph', text: ['Hello world', { type: 'bold', text: '!' }] }]);
	});

	it('when a link is not http(s) then it is plain text, and code wins over every other mark', () => {
		const blocks = render([{ type: 'paragraph', spans: [{ text: 'click', href: 'javascript:alert(1)' }, { text: ' ' }, { text: '/story 3', code: true, bold: true, href: 'https://example.com' }] }]);
		expect(blocks).toEqual([{ type: 'paragraph', text: ['click ', { type: 'code', text: '/story 3' }] }]);
	});

	it('when a list is ordered from 3 then its items keep the numbers 3 and 4', () => {
		const blocks = render([{ type: 'list', ordered: true, start: 3, items: [[{ text: 'three' }], [{ text: 'four' }]] }]);
		expect(blocks[0]).toMatchObject({ type: 'list', items: [{ value: 3, type: '1' }, { value: 4, type: '1' }] });
	});

	it('when a card cites a source it does not list then that mark stays a link, and a listed one becomes a footnote reference', () => {
		const card: CardBlock = {
			type: 'card',
			title: '1. A story',
			body: [{ type: 'paragraph', spans: [{ text: 'Claim [' }, { text: '7', cite: 7, href: 'https://example.com/7' }, { text: ', ' }, { text: '9', cite: 9, href: 'https://example.com/9' }, { text: ']' }] }],
			sources: { heading: 'Sources', continuedHeading: 'Sources (continued)', items: [{ number: 7, label: 'Seven', href: 'https://example.com/7' }] },
			story: { number: 1, issueId: '2026-03-03', top: false },
		};
		const blocks = render([card]);
		const nodes = [...richNodes(blocks)];
		expect(nodes.filter((node) => node.type === 'reference_link').map((node) => node.reference_name)).toEqual(['c1-7']);
		expect(nodes.filter((node) => node.type === 'url').map((node) => node.url)).toEqual(['https://example.com/9', 'https://example.com/7']);
		expect(outline(blocks)).toEqual(['▸ 1. A story', '  Claim [7, 9]', '  Sources', '  - [^c1-7] 7. Seven']);
	});

	it('when two cards cite the same source then each has its own footnote, so references never collide', () => {
		const card = (number: number): CardBlock => ({
			type: 'card',
			title: `${number}. Story`,
			body: [{ type: 'paragraph', spans: [{ text: 'See ' }, { text: '3', cite: 3 }] }],
			sources: { heading: 'Sources', continuedHeading: '', items: [{ number: 3, label: 'Three' }] },
		});
		const { defined, linked } = footnotesOf({ blocks: render([card(1), card(2)]) });
		expect([...defined]).toEqual(['c1-3', 'c2-3']);
		expect(linked).toEqual(['c1-3', 'c2-3']);
	});

	it('when an answer is an expected failure then it reads as a plain sentence with only command names as code', () => {
		const blocks = render([{ type: 'failure', code: 'story-not-found', spans: [{ text: 'No story 99. Try ' }, { text: '/story 3', code: true }, { text: ' instead', bold: true }] }]);
		expect(blocks).toEqual([{ type: 'paragraph', text: ['No story 99. Try ', { type: 'code', text: '/story 3' }, ' instead'] }]);
	});

	it('when there are six buttons then they come in rows of four, and one whose data would pass 64 bytes is left out', () => {
		const actions = Array.from({ length: 6 }, (_, index) => ({ label: `Story ${index + 1}`, command: 'story', args: [String(index + 1)] }));
		const blocks = render([{ type: 'actions', actions: [...actions, { label: 'Too long', command: 'story', args: ['x'.repeat(70)] }] }]);
		expect(outline(blocks)).toEqual(['[Story 1] [Story 2] [Story 3] [Story 4]', '[Story 5] [Story 6]']);
	});
});

describe('rich splitter', () => {
	const paragraphs = (count: number, word: string): Block[] => Array.from({ length: count }, (_, index) => ({ type: 'paragraph', spans: [{ text: `${word} ${index}` }] }));
	const heading = (text: string): Block => ({ type: 'heading', level: 2, spans: [{ text }] });

	it('when the next section does not fit the rest of a message then it starts the next message whole', () => {
		const messages = packRichMessages(renderRichPieces([heading('A'), ...paragraphs(5, 'a'), heading('B'), ...paragraphs(5, 'b')]), undefined, { blocks: 8, characters: 10_000, depth: 16 });
		expect(messages.map((message) => outline(message.blocks!))).toEqual([
			['## A', 'a 0', 'a 1', 'a 2', 'a 3', 'a 4'],
			['## B', 'b 0', 'b 1', 'b 2', 'b 3', 'b 4'],
		]);
	});

	it('when a section is larger than any message then it continues the current message rather than leaving it half empty', () => {
		const messages = packRichMessages(renderRichPieces([heading('A'), ...paragraphs(2, 'a'), heading('B'), ...paragraphs(12, 'b')]), undefined, { blocks: 8, characters: 10_000, depth: 16 });
		expect(messages.map((message) => message.blocks!.length)).toEqual([8, 8]);
		expect(outline(messages[0]!.blocks!)).toEqual(['## A', 'a 0', 'a 1', '## B', 'b 0', 'b 1', 'b 2', 'b 3']);
	});

	it('when one paragraph of an answer is longer than a whole message then it is cut between words into messages Telegram accepts', () => {
		const words = Array.from({ length: 9_000 }, (_, index) => `wörd${index}`).join(' ');
		const messages = packRichMessages(renderRichPieces([{ type: 'paragraph', spans: [{ text: words, italic: true }] }]));
		expect(messages.length).toBeGreaterThan(1);
		for (const message of messages) {
			const checked = checkRichMessage(message);
			expect('error' in checked ? checked.error : 'accepted').toBe('accepted');
		}
		const text = messages.flatMap((message) => message.blocks!.map((block) => outline([block], Infinity)[0]!)).join('');
		expect(text).toBe(words);
	});

	it('when a paragraph is cut then no piece is longer than its bound, a long word is cut only when it must be, and nothing is lost', () => {
		const text = 'ab cdefghijklmnopqrstuvwxyz 😀😀😀😀😀😀😀 wörd1 wörd22 w w';
		// 48 characters a message: pieces of at most 12.
		const messages = packRichMessages(renderRichPieces([{ type: 'paragraph', spans: [{ text: text.slice(0, 30) }, { text: text.slice(30), bold: true }] }]), undefined, { blocks: 500, characters: 48, depth: 16 });
		const pieces = messages.flatMap((message) => message.blocks!.map((block) => outline([block], Infinity)[0]!));
		expect(pieces.join('')).toBe(text);
		expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThanOrEqual(12);
		expect(pieces.some((piece) => /[\uD800-\uDBFF]$/.test(piece))).toBe(false);
		expect(pieces.slice(0, 2)).toEqual(['ab ', 'cdefghijklmn']);
	});

	it('when a heading alone is longer than a message then packing fails with a typed error naming the sizes', () => {
		expect(() => packRichMessages(renderRichPieces([heading('x'.repeat(40_000))]))).toThrow(RichMessageTooLargeError);
	});
});
