import type { Api } from 'grammy';
import type { BotCommand, LanguageCode } from 'grammy/types';
import type { CommandSummary } from '../../src/command/command.js';
import { defaultLocale, locales, type Locale } from '../../src/i18n/locale.js';

/**
 * The "/" menu Telegram clients show, from the same summaries /help lists. Telegram accepts
 * names of 1–32 lowercase letters, digits and underscores and descriptions of 1–256
 * characters; anything else would make the whole call fail, so it is filtered here.
 * https://core.telegram.org/bots/api#setmycommands
 */
export function buildCommandMenu(summaries: readonly CommandSummary[]): BotCommand[] {
	return summaries
		.filter((summary) => /^[a-z0-9_]{1,32}$/.test(summary.name))
		.slice(0, 100)
		.map((summary) => ({ command: summary.name, description: summary.description.slice(0, 256) || summary.name }));
}

/**
 * Registers the menu for every chat type (the default scope): English for everyone, then once
 * per other catalogue under its two-letter `language_code`, which Telegram shows to users whose
 * client is set to that language. https://core.telegram.org/bots/api#setmycommands
 */
export async function registerCommandMenu(api: Api, summariesFor: (locale: Locale) => readonly CommandSummary[]): Promise<void> {
	await api.setMyCommands(buildCommandMenu(summariesFor(defaultLocale)));
	for (const locale of locales) {
		if (locale === defaultLocale) continue;
		await api.setMyCommands(buildCommandMenu(summariesFor(locale)), { language_code: telegramLanguageCodes[locale] });
	}
}

/** Telegram names a menu's language by ISO 639-1 code alone: "zh", not "zh-CN". */
const telegramLanguageCodes: Readonly<Record<Locale, LanguageCode>> = { en: 'en', ru: 'ru', 'zh-CN': 'zh' };
