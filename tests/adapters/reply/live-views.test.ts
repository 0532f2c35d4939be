import { describe, expect, it } from 'vitest';
import { firstAndFinalView, splitViews } from '../../../adapters/reply/live-views.js';
import type { Reply, ReplyPart } from '../../../src/content/block.js';

const line = (text: string): ReplyPart => ({ type: 'paragraph', spans: [{ text }] });

async function* replyOf(parts: readonly ReplyPart[], onEnd?: () => void): Reply {
	try {
		yield* parts;
	} finally {
		onEnd?.();
	}
}

async function collect(reply: Reply): Promise<ReplyPart[]> {
	const parts: ReplyPart[] = [];
	for await (const part of reply) parts.push(part);
	return parts;
}

describe('when a reply is split into views', () => {
	it('then an ordinary answer is its first view, whole, and not live', async () => {
		const split = splitViews(replyOf([line('a'), { type: 'delta', spans: [{ text: 'b' }] }]));
		expect(await collect(split.first)).toHaveLength(2);
		expect(split.live()).toBe(false);
		let views = 0;
		for await (const view of split.views) views += view.length;
		expect(views).toBe(0);
	});

	it('then a live answer streams its first view, and each later view arrives whole at its frame', async () => {
		const split = splitViews(replyOf([line('10%'), { type: 'frame' }, line('50%'), { type: 'frame' }, line('100%')]));
		expect(await collect(split.first)).toEqual([line('10%')]);
		expect(split.live()).toBe(true);
		const views: (readonly ReplyPart[])[] = [];
		for await (const view of split.views) views.push(view);
		expect(views).toEqual([[line('50%')], [line('100%')]]);
	});

	it('then the console gets the first view and the final one only', async () => {
		expect(await collect(firstAndFinalView(replyOf([line('10%'), { type: 'frame' }, line('50%'), { type: 'frame' }, line('100%')])))).toEqual([line('10%'), line('100%')]);
	});

	it('then a reader who stops reading the first view ends the command too', async () => {
		let ended = false;
		const split = splitViews(replyOf([line('a'), line('b')], () => (ended = true)));
		for await (const part of split.first) {
			expect(part).toEqual(line('a'));
			break;
		}
		expect(ended).toBe(true);
	});
});
