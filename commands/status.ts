import { z } from 'zod';
import { defineCommand, type BroadcastSummary } from '../src/command/command.js';
import type { Block } from '../src/content/block.js';
import type { FeedHealth } from '../src/feeds/feed-poller.js';
import { translatorFor, type Translator } from '../src/i18n/translator.js';
import { isSending, progressLine, statusLiveForMs, statusPollMs } from './status-progress.js';
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

/** What `/status` shows at one moment; `live` adds the progress bar of a broadcast being followed. */
function statusView(view: { readonly archiveSize: number; readonly status: BroadcastSummary | undefined; readonly feeds: readonly FeedHealth[]; readonly live?: 'following' | 'stopped' }, t: Translator): Block[] {
	const { status, feeds } = view;
	const broadcastItems = status
		? [
				[{ text: t.text('status-broadcast', { issue: status.issueId, started: status.startedAt.slice(0, 16).replace('T', ' ') }) }],
				...(view.live ? [progressLine(status, t)] : []),
				[{ text: t.text('status-counts', { delivered: status.delivered, failed: status.failed, unsubscribed: status.unsubscribed, pending: status.pending, total: status.total }) }],
				...(status.waiting > 0 && status.nextDueAt ? [[{ text: t.text('status-waiting', { count: status.waiting, next: status.nextDueAt.slice(0, 16).replace('T', ' ') }) }]] : []),
				...(status.followUpsWaiting ? [[{ text: t.text('status-follow-ups-waiting', { count: status.followUpsWaiting }) }]] : []),
			]
		: [[{ text: t.text('status-no-broadcast') }]];
	return [
		{ type: 'heading', level: 2, spans: [{ text: t.text('status-heading') }] },
		{
			type: 'list',
			ordered: false,
			items: [
				[{ text: t.text('status-issues', { count: view.archiveSize }) }],
				...broadcastItems,
				...correctionStatusItems(status, t),
				...(feeds.length > 0 ? [[{ text: feedSummary(feeds, t) }]] : []),
				// Only the feeds that need the operator: a failing or paused one, with why.
				...feeds.filter((feed) => feed.state === 'failing' || feed.state === 'paused').map((feed) => [{ text: feedProblem(feed, t) }]),
			],
		},
		...(view.live === 'stopped' ? [{ type: 'paragraph' as const, spans: [{ text: t.text('status-live-ended') }] }] : []),
	];
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
		// Only bot admins get here: the dispatcher refuses everyone else (`audience`).
		const t = translatorFor(context.locale);
		let status = await context.broadcastStatus();
		const feeds = await context.feedStatus();
		const view = (live?: 'following' | 'stopped') => statusView({ archiveSize: context.archive.size, status, feeds, live }, t);
		if (!isSending(status)) {
			yield* view();
			return;
		}
		// A broadcast is sending: each view replaces the last (a `frame` between them), and the
		// adapter edits the message in place until the broadcast is done or the time is up.
		const until = Date.now() + statusLiveForMs;
		yield* view('following');
		while (isSending(status) && Date.now() < until && !context.signal.aborted) {
			yield { type: 'frame' };
			await new Promise((resolve) => setTimeout(resolve, Math.min(statusPollMs, Math.max(0, until - Date.now()))));
			status = (await context.broadcastStatus()) ?? status;
			yield* view(isSending(status) && Date.now() >= until ? 'stopped' : 'following');
		}
	},
});
