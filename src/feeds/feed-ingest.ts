import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import { DigestParseError } from '../errors/digest-parse-error.js';
import type { Issue } from '../model/issue.js';
import type { FeedItem } from './feed-document.js';
import { readItemIssue } from './feed-item-issue.js';
import type { FeedItemIndex, FeedState } from './feed-store.js';

export interface FeedIngestDeps {
	readonly archive: Archive;
	/** Records an issue as handled without posting it (the delivery queue's skip), before the archive announces it. */
	readonly markHandled: (issueId: string, reason: string) => Promise<void>;
	readonly log?: Logger;
}

export interface FeedIngestResult {
	readonly items: FeedItemIndex;
	readonly newestItemAt?: string;
	/** Issue ids by what happened to them, for the log and the tests. */
	readonly posted: string[];
	readonly archivedOnly: string[];
	readonly updated: string[];
	readonly rejected: number;
}

/**
 * Files a feed's items as issues through the archive, the door every issue comes through: the
 * broadcast planner posts what the archive announces unless it was marked handled first. So
 * the feed only decides what must not be posted: everything on the first poll (the backlog, as
 * the folder's first start), and an item dated before the newest one known (a backfill). An
 * item seen before keeps its issue id, so an edit updates that issue and is never posted again.
 * Items are filed oldest first, so two new items are posted in date order.
 */
export async function ingestFeedItems(deps: FeedIngestDeps, state: FeedState, items: readonly FeedItem[], known: FeedItemIndex): Promise<FeedIngestResult> {
	const index: Record<string, { issueId: string }> = { ...known };
	const result = { posted: [] as string[], archivedOnly: [] as string[], updated: [] as string[], rejected: 0 };
	let newest = state.newestItemAt;
	for (const item of oldestFirst(items)) {
		const file = `feed:${state.url}#${item.key}`;
		let read;
		try {
			read = readItemIssue(item, { file, ...(state.title ? { publication: state.title } : {}) });
		} catch (error) {
			if (!(error instanceof DigestParseError)) throw error;
			result.rejected += 1;
			deps.log?.warn({ feed: state.url, item: item.key, reason: error.reason }, `feed item skipped: ${error.message}`);
			continue;
		}
		const previous = index[item.key];
		const issueId = previous?.issueId ?? chooseIssueId(deps.archive, read.issue, item.key, file);
		const backfill = !previous && item.date !== undefined && newest !== undefined && item.date < newest;
		if (!previous && (!state.primed || backfill)) await deps.markHandled(issueId, state.primed ? 'feed backfill' : 'feed backlog at first poll');
		const put = await deps.archive.put({ ...read.issue, id: issueId }, { bytes: read.document, file });
		index[item.key] = { issueId };
		if (item.date && (newest === undefined || item.date > newest)) newest = item.date;
		if (put.outcome === 'unchanged') continue;
		if (previous) result.updated.push(issueId);
		else if (!state.primed || backfill) result.archivedOnly.push(issueId);
		else result.posted.push(issueId);
	}
	return { items: index, ...(newest ? { newestItemAt: newest } : {}), ...result };
}

/** Dated items by date; undated ones after them, in reverse document order (feeds list newest first). */
function oldestFirst(items: readonly FeedItem[]): FeedItem[] {
	const undated = items.filter((item) => !item.date).reverse();
	const dated = items.filter((item) => item.date).sort((a, b) => a.date!.localeCompare(b.date!));
	return [...dated, ...undated];
}

/**
 * The id a new item is filed under: the archive's choice (the parser's date or title slug, under
 * the publication's slug when another publication holds it), made unique here because the feed
 * must know the final id before filing to mark it handled.
 */
function chooseIssueId(archive: Archive, issue: Issue, key: string, file: string): string {
	const free = (id: string): boolean => {
		const existing = archive.get(id);
		return !existing || existing.file === file;
	};
	const chosen = archive.idFor(issue, { file });
	if (free(chosen)) return chosen;
	return `${chosen}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}
