import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { failure } from '../src/command/failures.js';
import type { FeedHealth } from '../src/feeds/feed-poller.js';
import { translatorFor, type Translator } from '../src/i18n/translator.js';
import { correctionStatusItems } from './correction-status.js';

function feedSummary(feeds: readonly FeedHealth[], t: Translator): string {
	const paused = feeds.filter((feed) => feed.state === 'paused').length;
	const failing = feeds.filter((feed) => feed.state === 'failing').length;
	const problems = [...(failing > 0 ? [t.text('status-feeds-failing', { count: failing })] : []), ...(paused > 0 ? [t.text('status-feeds-paused', { count: paused })] : [])];
	return problems.length > 0 ? t.text('status-feeds', { count: feeds.length, problems: t.list(problems) }) : t.text('status-feeds-fine', { count: feeds.length });
}

/** One failing or paused feed, with why, for the operator. */
function feedProblem(feed: FeedHealth, t: Translator): string {
	const reason = feed.reason ?? t.text('status-unknown-reason');
	return feed.state === 'paused' ? t.text('status-feed-paused', { url: feed.url, reason }) : t.text('status-feed-failing', { url: feed.url, reason, failures: feed.failures });
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
		const t = translatorFor(context.locale);
		if (!context.isBotAdmin) {
			yield failure('bot-admins-only', {}, t.locale);
			return;
		}
		const status = await context.broadcastStatus?.();
		const feeds = (await context.feedStatus?.()) ?? [];
		yield { type: 'heading', level: 2, spans: [{ text: t.text('status-heading') }] };
		yield {
			type: 'list',
			ordered: false,
			items: [
				[{ text: t.text('status-issues', { count: context.archive.size }) }],
				...(status
					? [
							[{ text: t.text('status-broadcast', { issue: status.issueId, started: status.startedAt.slice(0, 16).replace('T', ' ') }) }],
							[{ text: t.text('status-counts', { delivered: status.delivered, failed: status.failed, unsubscribed: status.unsubscribed, pending: status.pending, total: status.total }) }],
						]
					: [[{ text: t.text('status-no-broadcast') }]]),
				...correctionStatusItems(status, t),
				...(feeds.length > 0 ? [[{ text: feedSummary(feeds, t) }]] : []),
				// Only the feeds that need the operator: a failing or paused one, with why.
				...feeds.filter((feed) => feed.state === 'failing' || feed.state === 'paused').map((feed) => [{ text: feedProblem(feed, t) }]),
			],
		};
	},
});
