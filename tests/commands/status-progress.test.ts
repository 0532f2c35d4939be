import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BroadcastSummary } from '../../src/command/command.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block, ReplyPart } from '../../src/content/block.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

afterEach(() => {
	vi.useRealTimers();
});

const sending = (settled: number): BroadcastSummary => ({ issueId: '2026-03-03', startedAt: '2026-03-03T08:00:00.000Z', total: 5_000, delivered: settled, failed: 0, unsubscribed: 0, pending: 5_000 - settled, waiting: 0 });

/** /status as a bot admin asks it: the dispatcher holds the broadcast's status, the admin's id is in ADMIN_IDS. */
async function statusAsAdmin(broadcastStatus: () => Promise<BroadcastSummary | undefined>): Promise<() => AsyncIterable<ReplyPart>> {
	const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive(), broadcastStatus }, adminIds: ['1'] });
	return () => dispatcher.runText('/status', { chat: { platform: 'console', id: 'c', kind: 'private' }, user: { id: '1' } });
}

/** The views of a live reply: the parts between its frames. */
function viewsOf(parts: readonly ReplyPart[]): Block[][] {
	const views: Block[][] = [[]];
	for (const part of parts) {
		if (part.type === 'frame') views.push([]);
		else if (part.type !== 'delta') views.at(-1)!.push(part);
	}
	return views;
}

describe('when a bot admin asks /status while a broadcast is sending', () => {
	it('then each view shows the progress bar with grouped counts, and the last one the final counts at 100%', async () => {
		vi.useFakeTimers();
		let settled = 2_600;
		const status = await statusAsAdmin(async () => sending(Math.min(5_000, (settled += 1_200))));
		const parts: ReplyPart[] = [];
		const done = (async () => {
			for await (const part of status()) parts.push(part);
		})();
		for (let step = 0; step < 10; step += 1) await vi.advanceTimersByTimeAsync(1_000);
		await done;
		const views = viewsOf(parts).map(textOf);
		expect(views[0]).toContain('▰▰▰▰▰▰▰▱▱▱ 76% · 3,800/5,000');
		expect(views.at(-1)).toContain('▰▰▰▰▰▰▰▰▰▰ 100% · 5,000/5,000');
		expect(views.at(-1)).toContain('5,000 delivered, 0 failed, 0 unsubscribed, 0 pending of 5,000');
		expect(views.at(-1)).not.toContain('Live updates have stopped');
	});

	it('then after two minutes it stops following, says so, and whole-block readers see only the last view', async () => {
		vi.useFakeTimers();
		const status = await statusAsAdmin(async () => sending(2_600));
		const blocks: Block[] = [];
		let frames = 0;
		const done = (async () => {
			for await (const part of status()) if (part.type === 'frame') frames += 1;
			for await (const block of completeBlocks(status())) blocks.push(block);
		})();
		for (let step = 0; step < 260; step += 1) await vi.advanceTimersByTimeAsync(1_000);
		await done;
		expect(frames).toBeGreaterThanOrEqual(100);
		expect(frames).toBeLessThanOrEqual(121);
		const text = textOf(blocks);
		expect(text.match(/Status/g)).toHaveLength(1);
		expect(text).toContain('▰▰▰▰▰▱▱▱▱▱ 52% · 2,600/5,000');
		expect(text).toContain('Live updates have stopped; send /status again');
	});
});
