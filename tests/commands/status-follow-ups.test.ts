import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { BroadcastSummary } from '../../src/command/command.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { latestBroadcastSummary } from '../../src/delivery/broadcast-status.js';
import { createKeyvWaitingFollowUps } from '../../src/delivery/waiting-follow-ups.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

async function statusText(broadcastStatus: () => Promise<BroadcastSummary | undefined>): Promise<string> {
	const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive(), broadcastStatus }, adminIds: ['1'] });
	const blocks: Block[] = [];
	for await (const block of completeBlocks(dispatcher.runText('/status', { chat: { platform: 'console', id: 'c', kind: 'private' }, user: { id: '1' } }))) blocks.push(block);
	return textOf(blocks);
}

describe('/status and crossposts waiting for their window', () => {
	it('when two announcement posts wait for their crosspost window, then /status says so, and says nothing of it once none wait', async () => {
		const finished = { issueId: '2026-04-01', state: 'finished' as const, createdAt: '2026-04-01T08:00:00.000Z', queued: 2, delivered: 2, failed: 0, unsubscribed: 0, pending: 0, inFlight: 0 };
		const queue = { stats: () => Promise.resolve(finished) };
		const followUps = createKeyvWaitingFollowUps(new Keyv());
		const summary = () => latestBroadcastSummary(queue, undefined, Date.now(), followUps);
		await followUps.hold('2026-04-01/discord:1', { chatId: '1', messages: [{ id: '11', digest: 'a' }] });
		await followUps.hold('2026-04-01/discord:2', { chatId: '2', messages: [{ id: '22', digest: 'b' }] });
		expect(await statusText(summary)).toContain('2 announcement posts wait for their crosspost window');
		await followUps.release('2026-04-01/discord:1');
		await followUps.release('2026-04-01/discord:2');
		expect(await statusText(summary)).not.toContain('crosspost');
	});
});
