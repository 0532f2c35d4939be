import { describeFeed } from './feed-poller.js';
import type { FeedStore } from './feed-store.js';

export interface CommandOutput {
	write(text: string): unknown;
}

export const feedsUsage = 'usage: npm run cli -- feeds list | add URL | remove URL | resume URL';

/**
 * `npm run cli -- feeds …`: manages the followed feeds in the store the bot reads. A running bot
 * picks a change up within a minute (it re-reads the list at every tick); nothing is posted from
 * a newly added feed until its second poll, as its backlog is archived first.
 */
export async function runFeedsCommand(args: readonly string[], store: FeedStore, stdout: CommandOutput, stderr: CommandOutput): Promise<number> {
	const [action, url] = args;
	if (action === 'list' || action === undefined) {
		const feeds = await store.list();
		if (feeds.length === 0) {
			stdout.write('no feeds followed; add one with: npm run cli -- feeds add URL (or set FEED_URLS)\n');
			return 0;
		}
		for (const state of feeds) {
			const feed = describeFeed(state);
			const details = [
				feed.state,
				...(feed.failures > 0 ? [`${feed.failures} failure${feed.failures === 1 ? '' : 's'} in a row`] : []),
				...(feed.reason ? [feed.reason] : []),
				...(feed.lastSuccessAt ? [`last fetched ${feed.lastSuccessAt.slice(0, 16).replace('T', ' ')} UTC`] : []),
				...(feed.nextPollAt ? [`next ${feed.nextPollAt.slice(0, 16).replace('T', ' ')} UTC`] : []),
				...(state.origin === 'env' ? ['from FEED_URLS'] : []),
			];
			stdout.write(`${feed.url}${feed.title ? `  "${feed.title}"` : ''}\n  ${details.join(' · ')}\n`);
		}
		return 0;
	}
	if (!url || !['add', 'remove', 'resume'].includes(action)) {
		stderr.write(`${feedsUsage}\n`);
		return 1;
	}
	if (action === 'add') {
		if (!isHttpUrl(url)) {
			stderr.write('error: a feed URL must start with http:// or https://\n');
			return 1;
		}
		const added = await store.add(url, 'cli');
		stdout.write(added ? `following ${url}; a running bot reads it within a minute (its existing items are archived, later ones posted)\n` : `${url} is already followed\n`);
		return 0;
	}
	if (action === 'remove') {
		const origin = (await store.get(url))?.origin;
		if (!(await store.remove(url))) return unknown(url, stderr);
		const note = origin === 'env' ? '; it is in FEED_URLS, so remove it there too or it returns at the next start' : '';
		stdout.write(`stopped following ${url}; its issues stay in the archive${note}\n`);
		return 0;
	}
	const resumed = await store.resume(url);
	if (!resumed) return unknown(url, stderr);
	stdout.write(`resumed ${url}; a running bot polls it within a minute\n`);
	return 0;
}

function unknown(url: string, stderr: CommandOutput): number {
	stderr.write(`error: ${url} is not followed (see npm run cli -- feeds list)\n`);
	return 1;
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
