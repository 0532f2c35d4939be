import { createSerialLock } from '../sync/serial-lock.js';
import { readFeedDocument, type FeedDocument } from './feed-document.js';
import type { FeedValidators, FetchLimits, FetchOutcome } from './feed-fetcher.js';
import { ingestFeedItems, type FeedIngestDeps, type FeedIngestResult } from './feed-ingest.js';
import { delayAfterFailure, delayAfterSuccess, pauseAfterFailures } from './feed-schedule.js';
import type { FeedState, FeedStore } from './feed-store.js';

export type FetchFeed = (url: string, validators: FeedValidators, limits: FetchLimits) => Promise<FetchOutcome>;

export interface FeedPollerDeps extends FeedIngestDeps {
	readonly store: FeedStore;
	readonly fetch: FetchFeed;
	readonly limits: FetchLimits;
	readonly intervalMs: number;
	/** Injected so tests move time instead of waiting 15 minutes. */
	readonly now?: () => number;
	readonly random?: () => number;
	/** Feeds fetched at once in a tick. */
	readonly concurrency?: number;
}

/** One poll's result, for logs and tests. */
export type PollResult =
	| ({ readonly url: string; readonly outcome: 'ingested' } & FeedIngestResult)
	| { readonly url: string; readonly outcome: 'not-modified' }
	| { readonly url: string; readonly outcome: 'failed'; readonly reason: string; readonly paused: boolean }
	| { readonly url: string; readonly outcome: 'moved'; readonly to: string };

/** A feed as `/status`, `/health` and `cli feeds list` show it. */
export interface FeedHealth {
	readonly url: string;
	readonly title?: string;
	readonly state: 'ok' | 'failing' | 'paused' | 'new';
	readonly failures: number;
	readonly reason?: string;
	readonly lastSuccessAt?: string;
	readonly nextPollAt?: string;
}

export interface FeedPoller {
	/**
	 * Makes the store follow FEED_URLS: adds the feeds it does not know yet (nor replaced by a
	 * discovered URL) and drops those a previous FEED_URLS named and this one does not.
	 */
	seed(urls: readonly string[]): Promise<void>;
	/** Polls every feed that is due; resolves when they are done. */
	tick(): Promise<PollResult[]>;
	/** Polls one feed now, whatever its schedule (not when paused). */
	poll(url: string): Promise<PollResult | undefined>;
	status(): Promise<FeedHealth[]>;
	/** Polls on a timer until `stop`. */
	start(): void;
	stop(): Promise<void>;
}

/**
 * Follows the feeds in the store. Stateless between polls: every poll reads the feed's state
 * from the store and writes it back, so `npm run cli -- feeds add|remove|resume` in another
 * process takes effect at the next tick without a restart.
 */
export function createFeedPoller(deps: FeedPollerDeps): FeedPoller {
	const now = deps.now ?? Date.now;
	const random = deps.random ?? Math.random;
	const { store, log } = deps;
	const ingestLock = createSerialLock();
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<unknown> = Promise.resolve();
	let stopped = true;

	const fail = async (state: FeedState, reason: string, retryAfterMs?: number): Promise<PollResult> => {
		const failures = state.failures + 1;
		const paused = failures >= pauseAfterFailures;
		const { pausedReason: _previous, ...rest } = state;
		await store.save({
			...rest,
			failures,
			lastError: reason,
			lastPolledAt: new Date(now()).toISOString(),
			nextPollAt: now() + delayAfterFailure(failures, deps.intervalMs, retryAfterMs, random),
			...(paused ? { pausedReason: reason } : {}),
		});
		(paused ? log?.warn.bind(log) : log?.info.bind(log))?.({ feed: state.url, failures, reason }, paused ? 'feed paused after failing too often' : 'feed poll failed');
		return { url: state.url, outcome: 'failed', reason, paused };
	};

	const succeed = (state: FeedState, validators: FeedValidators, maxAgeMs: number | undefined): FeedState => {
		const { lastError: _error, etag: _etag, lastModified: _modified, ...rest } = state;
		const kept = { ...(state.etag ? { etag: state.etag } : {}), ...(state.lastModified ? { lastModified: state.lastModified } : {}), ...validators };
		const at = new Date(now()).toISOString();
		return { ...rest, ...kept, failures: 0, lastPolledAt: at, lastSuccessAt: at, nextPollAt: now() + delayAfterSuccess(deps.intervalMs, maxAgeMs, random) };
	};

	const pollState = async (state: FeedState, followed = false): Promise<PollResult> => {
		const validators = state.primed ? { ...(state.etag ? { etag: state.etag } : {}), ...(state.lastModified ? { lastModified: state.lastModified } : {}) } : {};
		const fetched = await deps.fetch(state.url, validators, deps.limits);
		if (fetched.kind === 'failed') return fail(state, fetched.reason, fetched.retryAfterMs);
		if (fetched.kind === 'not-modified') {
			await store.save(succeed(state, fetched.validators, fetched.maxAgeMs));
			return { url: state.url, outcome: 'not-modified' };
		}
		const document: FeedDocument = readFeedDocument(fetched.body, fetched.contentType, fetched.url);
		if (document.kind === 'html') {
			// Followed once: a page whose feed link leads to another page is not a feed.
			if (!document.alternate || followed || state.discoveredFrom) return fail(state, `not a feed: got ${fetched.contentType.split(';')[0] || 'text/html'}`);
			if (await store.get(document.alternate)) {
				await store.remove(state.url);
				log?.info({ feed: state.url, to: document.alternate }, 'feed page points at a feed already followed; dropped the page');
				return { url: state.url, outcome: 'moved', to: document.alternate };
			}
			await store.move(state.url, document.alternate);
			log?.info({ feed: state.url, to: document.alternate }, 'the feed URL is a page; following the feed it links to');
			const moved = await store.get(document.alternate);
			if (moved) await pollState(moved, true);
			return { url: state.url, outcome: 'moved', to: document.alternate };
		}
		if (document.kind === 'invalid') return fail(state, document.reason);
		const title = document.title?.trim();
		const named = title ? { ...state, title } : state;
		const result = await ingestLock.run(async () => ingestFeedItems(deps, named, document.items, await store.items(state.url)));
		await store.saveItems(state.url, result.items);
		await store.save({ ...succeed(named, fetched.validators, fetched.maxAgeMs), primed: true, ...(result.newestItemAt ? { newestItemAt: result.newestItemAt } : {}) });
		if (result.posted.length + result.archivedOnly.length + result.updated.length > 0) {
			log?.info({ feed: state.url, posted: result.posted, archived: result.archivedOnly, updated: result.updated, rejected: result.rejected }, 'feed items filed');
		}
		return { url: state.url, outcome: 'ingested', ...result };
	};

	/** A poll never throws out of the loop: a store failure is logged and the feed tried at the next tick. */
	const guarded = async (state: FeedState): Promise<PollResult> => {
		try {
			return await pollState(state);
		} catch (error) {
			log?.error({ err: error, feed: state.url }, 'polling a feed failed');
			return { url: state.url, outcome: 'failed', reason: 'internal error', paused: false };
		}
	};

	const tick = async (): Promise<PollResult[]> => {
		const due = (await store.list()).filter((state) => !state.pausedReason && (state.nextPollAt ?? 0) <= now());
		const results: PollResult[] = [];
		const width = deps.concurrency ?? 4;
		for (let start = 0; start < due.length; start += width) results.push(...(await Promise.all(due.slice(start, start + width).map(guarded))));
		return results;
	};

	const schedule = async (): Promise<void> => {
		if (stopped) return;
		let wait = Math.min(deps.intervalMs, 60_000);
		try {
			const states = (await store.list()).filter((state) => !state.pausedReason);
			const next = Math.min(...states.map((state) => state.nextPollAt ?? 0));
			// Re-read at least every minute, so a feed added from the CLI starts without a restart.
			if (Number.isFinite(next)) wait = Math.max(250, Math.min(wait, next - now()));
		} catch (error) {
			log?.error({ err: error }, 'reading the feed list failed');
		}
		if (stopped) return;
		timer = setTimeout(() => {
			running = tick().then(schedule, (error: unknown) => {
				log?.error({ err: error }, 'a feed tick failed');
				return schedule();
			});
		}, wait);
		timer.unref();
	};

	return {
		async seed(urls) {
			const states = await store.list();
			const replaced = new Set(states.map((state) => state.discoveredFrom).filter(Boolean));
			for (const url of urls) if (!replaced.has(url)) await store.add(url, 'env');
			// A feed taken out of FEED_URLS stops being followed; its issues stay in the archive.
			const named = new Set(urls);
			for (const state of states) {
				if (state.origin === 'env' && !named.has(state.url) && !(state.discoveredFrom && named.has(state.discoveredFrom))) {
					await store.remove(state.url);
					log?.info({ feed: state.url }, 'feed no longer in FEED_URLS: no longer followed');
				}
			}
		},
		tick,
		async poll(url) {
			const state = await store.get(url);
			return state && !state.pausedReason ? guarded(state) : undefined;
		},
		async status() {
			return (await store.list()).map(describeFeed);
		},
		start() {
			if (!stopped) return;
			stopped = false;
			running = tick().then(schedule, () => schedule());
		},
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running.catch(() => undefined);
		},
	};
}

/** How a feed's state reads to an operator. */
export function describeFeed(state: FeedState): FeedHealth {
	const status: FeedHealth['state'] = state.pausedReason ? 'paused' : state.failures > 0 ? 'failing' : state.lastSuccessAt ? 'ok' : 'new';
	const reason = state.pausedReason ?? (state.failures > 0 ? state.lastError : undefined);
	return {
		url: state.url,
		...(state.title ? { title: state.title } : {}),
		state: status,
		failures: state.failures,
		...(reason ? { reason } : {}),
		...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
		...(state.nextPollAt && !state.pausedReason ? { nextPollAt: new Date(state.nextPollAt).toISOString() } : {}),
	};
}
