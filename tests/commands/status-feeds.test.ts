import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import type { FeedHealth } from '../../src/feeds/feed-poller.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

async function status(feeds: readonly FeedHealth[]): Promise<string> {
	const archive = await referenceArchive();
	const dispatcher = createDispatcher(commands, { services: { archive, feedStatus: async () => feeds }, adminIds: ['1'] });
	const blocks: Block[] = [];
	for await (const block of completeBlocks(dispatcher.runText('/status', { chat: { platform: 'console', id: 'c', kind: 'private' }, user: { id: '1' } }))) blocks.push(block);
	return textOf(blocks);
}

describe('when a bot admin asks /status while feeds are followed', () => {
	it('then it counts the feeds and names each paused or failing one with its reason', async () => {
		const text = await status([
			{ url: 'https://ok.example.org/feed', state: 'ok', failures: 0 },
			{ url: 'https://gone.example.org/rss', state: 'paused', failures: 20, reason: 'HTTP 404' },
			{ url: 'https://flaky.example.org/rss', state: 'failing', failures: 2, reason: 'timed out after 15 s' },
		]);
		expect(text).toContain('Feeds followed: 3 (1 failing, 1 paused)');
		expect(text).toContain('Paused feed https://gone.example.org/rss: HTTP 404 (npm run cli -- feeds resume URL)');
		expect(text).toContain('Failing feed https://flaky.example.org/rss: timed out after 15 s (2 in a row)');
		expect(text).not.toContain('ok.example.org');
	});

	it('then with every feed healthy it says so in one line', async () => {
		expect(await status([{ url: 'https://ok.example.org/feed', state: 'ok', failures: 0 }])).toContain('Feeds followed: 1, all fetching');
		expect(await status([])).not.toContain('Feeds followed');
	});
});
