import { LRUCache } from 'lru-cache';
import type { Locale } from './locale.js';
import type { ChatLanguageStore, LanguageScope } from './chat-language-store.js';

export interface ChatLanguageCacheOptions {
	/** Chats remembered at once; the least recently asked is forgotten first. */
	readonly maxChats?: number;
	/** How long an answer from the store is trusted before it is read again. */
	readonly ttlMs?: number;
	/** The clock the TTL is measured on (`performance` unless set): a seam for tests. */
	readonly clock?: { now(): number };
}

/** A chat with no choice is cached too (most chats never choose); LRUCache cannot hold `undefined`. */
const noChoice = 'none';

/** Enough for every chat active in the last minute of a busy bot, at well under 100 bytes each. */
export const defaultChatLanguageCacheChats = 50_000;

/**
 * How stale another process's answer may be. Writes go through this cache, so the process that
 * ran `/settings language` answers in the new language at once. The one that may not is another
 * process answering the same chat: in polling mode only the lease holder receives Telegram updates
 * and a Discord guild belongs to one shard, so that happens when several web instances share a
 * webhook, or right after the polling lease moves. A language is chosen once in a chat's life, so
 * a bounded delay is the cheaper answer than a pub/sub channel every instance must hold open.
 */
export const defaultChatLanguageTtlMs = 30_000;

/**
 * The chat-language store with a bounded in-memory cache in front: the dispatcher reads the
 * chat's choice before every command, which on SQLite or Redis was a store round trip per update
 * (the e2e benchmark's largest cost after the reply itself).
 */
export function cacheChatLanguages(store: ChatLanguageStore, options: ChatLanguageCacheOptions = {}): ChatLanguageStore {
	const cache = new LRUCache<string, Locale | typeof noChoice>({ max: options.maxChats ?? defaultChatLanguageCacheChats, ttl: options.ttlMs ?? defaultChatLanguageTtlMs, ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}) });
	// Concurrent first reads of one chat share one store read.
	const reading = new Map<string, Promise<Locale | undefined>>();
	const keyOf = (scope: LanguageScope): string => `${scope.platform}:${scope.chatId}`;
	return {
		async get(scope) {
			const key = keyOf(scope);
			const cached = cache.get(key);
			if (cached !== undefined) return cached === noChoice ? undefined : cached;
			let pending = reading.get(key);
			if (!pending) {
				pending = store.get(scope).finally(() => reading.delete(key));
				reading.set(key, pending);
				// Only a read that was not overtaken by a write fills the cache.
				void pending.then(
					(locale) => {
						if (!cache.has(key)) cache.set(key, locale ?? noChoice);
					},
					() => undefined,
				);
			}
			return pending;
		},
		async set(scope, locale) {
			const key = keyOf(scope);
			await store.set(scope, locale);
			cache.set(key, locale);
		},
	};
}
