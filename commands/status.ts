import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import type { FeedHealth } from '../src/feeds/feed-poller.js';

function feedSummary(feeds: readonly FeedHealth[]): string {
	const paused = feeds.filter((feed) => feed.state === 'paused').length;
	const failing = feeds.filter((feed) => feed.state === 'failing').length;
	const problems = [...(failing > 0 ? [`${failing} failing`] : []), ...(paused > 0 ? [`${paused} paused`] : [])];
	return `Feeds followed: ${feeds.length}${problems.length > 0 ? ` (${problems.join(', ')})` : ', all fetching'}`;
}

export default defineCommand({
	name: 'status',
	description: 'The latest broadcast’s progress (bot admins only)',
	usage: '/status',
	hidden: true,
	audience: 'bot-admins',
	options: [],
	schema: z.object({}),
	async *run(_args, context) {
		if (!context.isBotAdmin) {
			yield failure('bot-admins-only', {});
			return;
		}
		const status = await context.broadcastStatus?.();
		const feeds = (await context.feedStatus?.()) ?? [];
		yield { type: 'heading', level: 2, spans: [{ text: 'Status' }] };
		yield {
			type: 'list',
			ordered: false,
			items: [
				[{ text: `Issues in the archive: ${context.archive.size}` }],
				...(status
					? [
							[{ text: `Latest broadcast: ${status.issueId}, started ${status.startedAt.slice(0, 16).replace('T', ' ')} UTC` }],
							[{ text: `${status.delivered} delivered, ${status.failed} failed, ${status.unsubscribed} unsubscribed, ${status.pending} pending of ${status.total}` }],
						]
					: [[{ text: 'No broadcast yet.' }]]),
				...(feeds.length > 0 ? [[{ text: feedSummary(feeds) }]] : []),
				// Only the feeds that need the operator: a failing or paused one, with why.
				...feeds.filter((feed) => feed.state === 'failing' || feed.state === 'paused').map((feed) => [{ text: `${feed.state === 'paused' ? 'Paused' : 'Failing'} feed ${feed.url}: ${feed.reason ?? 'unknown reason'}${feed.state === 'paused' ? ' (npm run cli -- feeds resume URL)' : ` (${feed.failures} in a row)`}` }]),
			],
		};
	},
});
