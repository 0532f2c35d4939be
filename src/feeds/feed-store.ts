import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../errors/store-error.js';
import { createSerialLock } from '../sync/serial-lock.js';

export const feedStateSchema = z.object({
	url: z.string(),
	/** `env` feeds come back at every start while FEED_URLS names them; `cli` feeds until removed. */
	origin: z.enum(['env', 'cli']),
	addedAt: z.string(),
	title: z.string().optional(),
	etag: z.string().optional(),
	lastModified: z.string().optional(),
	/** Epoch ms of the next poll; absent: poll at the next tick. */
	nextPollAt: z.number().optional(),
	lastPolledAt: z.string().optional(),
	lastSuccessAt: z.string().optional(),
	/** Failures in a row; reset by any success (a 304 counts). */
	failures: z.number().int().min(0),
	lastError: z.string().optional(),
	/** Set after too many failures in a row: the feed is not polled until `feeds resume`. */
	pausedReason: z.string().optional(),
	/** The first successful poll archived the feed's items without posting them. */
	primed: z.boolean(),
	/** The newest item date seen (ISO): an item older than it that appears later is a backfill. */
	newestItemAt: z.string().optional(),
	/** The URL first given, when an HTML page's alternate link replaced it. */
	discoveredFrom: z.string().optional(),
});
export type FeedState = z.infer<typeof feedStateSchema>;

/** guid/id of each item seen → the issue it was filed as, so an edited item updates that issue. */
export type FeedItemIndex = Record<string, { readonly issueId: string }>;

export interface FeedStore {
	list(): Promise<FeedState[]>;
	get(url: string): Promise<FeedState | undefined>;
	/** Adds a feed unless it is known; returns whether it was added. */
	add(url: string, origin: FeedState['origin']): Promise<boolean>;
	remove(url: string): Promise<boolean>;
	/** Writes a feed's state unless the feed was removed meanwhile (by the CLI, in another process). */
	save(state: FeedState): Promise<void>;
	/** Un-pauses a feed and makes it due now; false when unknown. */
	resume(url: string): Promise<boolean>;
	/** Moves a feed to the URL its page pointed at, keeping its items. */
	move(from: string, to: string): Promise<void>;
	items(url: string): Promise<FeedItemIndex>;
	saveItems(url: string, items: FeedItemIndex): Promise<void>;
}

const listKey = 'feeds:list';
const stateKey = (url: string): string => `feeds:state:${url}`;
const itemsKey = (url: string): string => `feeds:items:${url}`;

/**
 * Followed feeds on keyv, shared by the bot and `npm run cli -- feeds`. Like the subscription
 * store it keeps its own index of URLs under one key instead of iterating keyv (whose SQLite
 * iterator skips rows changed while it runs).
 */
export function createKeyvFeedStore(keyv: Keyv, now: () => Date = () => new Date()): FeedStore {
	const lock = createSerialLock();
	const call = callStore;
	const readList = async (): Promise<string[]> => {
		const value: unknown = await call('get', listKey, () => keyv.get(listKey));
		return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
	};
	const writeList = (urls: readonly string[]): Promise<unknown> => call('set', listKey, () => keyv.set(listKey, [...urls]));
	const get = async (url: string): Promise<FeedState | undefined> => {
		const parsed = feedStateSchema.safeParse(await call('get', stateKey(url), () => keyv.get(stateKey(url))));
		return parsed.success ? parsed.data : undefined;
	};
	const write = (state: FeedState): Promise<unknown> => call('set', stateKey(state.url), () => keyv.set(stateKey(state.url), state));
	const fresh = (url: string, origin: FeedState['origin']): FeedState => ({ url, origin, addedAt: now().toISOString(), failures: 0, primed: false });

	return {
		async list() {
			const states = await Promise.all((await readList()).map(async (url) => (await get(url)) ?? fresh(url, 'cli')));
			return states;
		},
		get,
		add: (url, origin) =>
			lock.run(async () => {
				const urls = await readList();
				if (urls.includes(url)) return false;
				await write(fresh(url, origin));
				await writeList([...urls, url]);
				return true;
			}),
		remove: (url) =>
			lock.run(async () => {
				const urls = await readList();
				if (!urls.includes(url)) return false;
				await writeList(urls.filter((entry) => entry !== url));
				await call('delete', stateKey(url), () => keyv.delete(stateKey(url)));
				return true;
			}),
		save: (state) =>
			lock.run(async () => {
				if ((await readList()).includes(state.url)) await write(state);
			}),
		resume: (url) =>
			lock.run(async () => {
				const state = (await readList()).includes(url) ? await get(url) : undefined;
				if (!state) return false;
				const { pausedReason: _reason, lastError: _error, nextPollAt: _next, ...rest } = state;
				await write({ ...rest, failures: 0 });
				return true;
			}),
		move: (from, to) =>
			lock.run(async () => {
				const urls = await readList();
				const state = await get(from);
				const items: unknown = await call('get', itemsKey(from), () => keyv.get(itemsKey(from)));
				if (state) await write({ ...state, url: to, discoveredFrom: state.discoveredFrom ?? from });
				if (items) await call('set', itemsKey(to), () => keyv.set(itemsKey(to), items));
				await writeList([...new Set(urls.map((entry) => (entry === from ? to : entry)))]);
				await call('delete', stateKey(from), () => keyv.delete(stateKey(from)));
			}),
		async items(url) {
			const value: unknown = await call('get', itemsKey(url), () => keyv.get(itemsKey(url)));
			return value && typeof value === 'object' ? (value as FeedItemIndex) : {};
		},
		saveItems: (url, items) => call('set', itemsKey(url), () => keyv.set(itemsKey(url), items)).then(() => undefined),
	};
}
