import { describe, expect, it } from 'vitest';
import type { InputRichMessageWithoutUpload } from 'grammy/types';
import { RichReplyPacker } from '../../../../adapters/telegram/rich/rich-reply-packer.js';
import type { ReplyPart } from '../../../../src/content/block.js';
import { checkRichMessage } from '../../../fakes/telegram-rich-validation.js';
import { footnotesOf } from './rich-outline.js';

const cite = (number: number) => ({ text: `[2026-03-03 · ${number}]`, command: `/story ${number} 2026-03-03` });
const storiesUsed: ReplyPart[] = [
	{ type: 'paragraph', spans: [{ text: 'Stories used', bold: true }] },
	{ type: 'list', ordered: false, items: [1, 2].map((number) => [cite(number), { text: ` Story ${number} — ` }, { text: `/story ${number} 2026-03-03`, code: true }]) },
	{ type: 'actions', actions: [{ label: 'Story 1', command: 'story', args: ['1', '2026-03-03'] }] },
];

function accepted(message: InputRichMessageWithoutUpload): void {
	const checked = checkRichMessage(message);
	expect('error' in checked ? checked.error : 'accepted').toBe('accepted');
}

function packed(parts: readonly ReplyPart[]): RichReplyPacker {
	const packer = new RichReplyPacker('digest_test_bot');
	for (const part of parts) packer.add(part);
	return packer;
}

describe('rich reply packer', () => {
	it('when an answer cites a story before its "stories used" list has come then the draft already holds that footnote', () => {
		const [message, ...rest] = packed([{ type: 'paragraph', spans: [{ text: 'Qwen shipped ' }, cite(1)] }]).pack();
		expect(rest).toEqual([]);
		accepted(message!.rich);
		expect(footnotesOf(message!.rich)).toEqual({ defined: new Set(['s1']), linked: ['s1'] });
	});

	it('when the list arrives then each story is one footnote, the list is not repeated, and the buttons are the keyboard', () => {
		const packer = packed([{ type: 'paragraph', spans: [{ text: 'Qwen shipped ' }, cite(1), { text: ' and more ' }, cite(2), cite(1)] }, ...storiesUsed]);
		const [message, ...rest] = packer.pack();
		expect(rest).toEqual([]);
		accepted(message!.rich);
		const { defined, linked } = footnotesOf(message!.rich);
		expect(defined).toEqual(new Set(['s1', 's2']));
		expect(linked).toEqual(['s1', 's2', 's1']);
		expect(JSON.stringify(message!.rich).match(/Story 2 — /g)).toHaveLength(1);
		expect(JSON.stringify(message!.rich)).toContain('https://t.me/digest_test_bot?start=2026-03-03-s2');
		expect(message!.keyboard?.inline_keyboard.flat().map((button) => button.text)).toEqual(['Story 1']);
	});

	it('when an answer needs two messages then its citations stay links and each message is valid on its own', () => {
		const long = 'A long paragraph of the answer that goes on for a while. '.repeat(300);
		const parts: ReplyPart[] = [...Array.from({ length: 3 }, () => ({ type: 'paragraph' as const, spans: [{ text: long }, cite(1)] })), ...storiesUsed];
		const messages = packed(parts).pack();
		expect(messages.length).toBeGreaterThan(1);
		for (const message of messages) {
			accepted(message.rich);
			expect(footnotesOf(message.rich).linked).toEqual([]);
		}
		expect(JSON.stringify(messages.map((message) => message.rich))).toContain('https://t.me/digest_test_bot?start=2026-03-03-s1');
		expect(messages.at(-1)!.keyboard).toBeDefined();
		expect(messages[0]!.keyboard).toBeUndefined();
	});
});
