/** The languages the bot speaks. English is the default and the source every catalogue follows. */
export const locales = ['en', 'ru', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'en';

/**
 * The catalogue for a platform's language tag: Telegram's `language_code` ("ru", "zh-hans",
 * "en-GB"), Discord's `locale` ("zh-CN", "en-US"), or `/settings language xx`. Matched on the
 * primary language only: a reader of any Chinese script is better served by Simplified Chinese
 * than by English, and there is one catalogue per language. Unknown or absent tags get English.
 */
export function resolveLocale(tag: string | undefined | null): Locale {
	const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
	if (primary === 'ru') return 'ru';
	if (primary === 'zh') return 'zh-CN';
	return defaultLocale;
}

/** Whether a tag names a language the bot has a catalogue for (what `/settings language` accepts). */
export function isSupportedLanguage(tag: string): boolean {
	const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
	return primary === 'en' || primary === 'ru' || primary === 'zh';
}
