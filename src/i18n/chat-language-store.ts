import type { Keyv } from 'keyv';
import { callStore } from '../errors/store-error.js';
import { locales, type Locale } from './locale.js';

/** Where a language was chosen: a chat (or Discord channel) on a platform. */
export interface LanguageScope {
	readonly platform: string;
	readonly chatId: string;
}

/**
 * The language a chat chose with `/settings language`, which wins over each reader's client
 * language. One small record per chat that chose; nothing about the readers is stored.
 */
export interface ChatLanguageStore {
	get(scope: LanguageScope): Promise<Locale | undefined>;
	set(scope: LanguageScope, locale: Locale): Promise<void>;
}

const languageKey = (scope: LanguageScope): string => `language:${scope.platform}:${scope.chatId}`;

/** Chat languages on keyv, beside the subscriptions. */
export function createKeyvChatLanguageStore(keyv: Keyv): ChatLanguageStore {
	return {
		async get(scope) {
			const key = languageKey(scope);
			const value: unknown = await callStore('get', key, () => keyv.get(key));
			return (locales as readonly unknown[]).includes(value) ? (value as Locale) : undefined;
		},
		async set(scope, locale) {
			const key = languageKey(scope);
			await callStore('set', key, () => keyv.set(key, locale));
		},
	};
}
