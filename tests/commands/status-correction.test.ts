import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { BroadcastSummary } from '../../src/command/command.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

async function status(summary: BroadcastSummary, locale?: string): Promise<string> {
	const archive = await referenceArchive();
	const dispatcher = createDispatcher(commands, { services: { archive, broadcastStatus: async () => summary }, adminIds: ['1'] });
	const origin = { chat: { platform: 'console' as const, id: 'c', kind: 'private' as const }, user: { id: '1' }, locale };
	const blocks: Block[] = [];
	for await (const block of completeBlocks(dispatcher.runText('/status', origin))) blocks.push(block);
	return textOf(blocks);
}

const broadcast: BroadcastSummary = { issueId: '2026-06-01', startedAt: '2026-06-01T08:00:00.000Z', total: 40, delivered: 38, failed: 1, unsubscribed: 1, pending: 0, waiting: 0 };

describe('when a bot admin asks /status after an issue was corrected', () => {
	it('then the issue’s broadcast line is followed by the correction’s counts', async () => {
		const text = await status({ ...broadcast, correction: { issueId: '2026-06-01', edited: 30, posted: 5, unchanged: 2, failed: 1, pending: 0, total: 38 } });
		expect(text).toContain('Latest broadcast: 2026-06-01');
		expect(text).toContain('Correction: 30 edited in place, 5 correction posts, 2 unchanged, 1 failed, 0 pending of 38');
	});

	it('then without a correction there is no correction line, in any language', async () => {
		expect(await status(broadcast)).not.toContain('Correction');
		expect(await status({ ...broadcast, correction: { issueId: '2026-06-01', edited: 3, posted: 0, unchanged: 0, failed: 0, pending: 0, total: 3 } }, 'ru')).toContain('Исправление: отредактировано 3');
	});
});
