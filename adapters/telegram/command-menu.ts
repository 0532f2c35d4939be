import type { Api } from 'grammy';
import type { BotCommand, LanguageCode } from 'grammy/types';
import type { Archive } from '../../src/archive/archive.js';
import { takesPublication, type CommandSummary } from '../../src/command/command.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import { defaultLocale, locales, type Locale } from '../../src/i18n/locale.js';
import { translatorFor } from '../../src/i18n/translator.js';

/** What the menu is built from: the commands, their words in each language, and whether there are publications to choose from. */
export type CommandMenuSource = Pick<Dispatcher, 'commands' | 'summariesFor' | 'publications'>;

/**
 * The "/" menu Telegram clients show, from the same summaries /help lists. Telegram accepts
 * names of 1–32 lowercase letters, digits and underscores and descriptions of 1–256
 * characters; anything else would make the whole call fail, so it is filtered here. The
 * commands in `takesPublication` say so first ("[publication] — Show the latest issue"), which
 * the caller asks for only when there are several publications to choose from.
 * https://core.telegram.org/bots/api#setmycommands
 */
export function buildCommandMenu(summaries: readonly CommandSummary[], takesPublication: ReadonlySet<string> = new Set(), locale: Locale = defaultLocale): BotCommand[] {
	const t = translatorFor(locale);
	return summaries
		.filter((summary) => /^[a-z0-9_]{1,32}$/.test(summary.name))
		.slice(0, 100)
		.map((summary) => {
			const description = takesPublication.has(summary.name) ? t.text('menu-takes-publication', { description: summary.description }) : summary.description;
			return { command: summary.name, description: description.slice(0, 256) || summary.name };
		});
}

/**
 * Registers the menu for every chat type (the default scope): English for everyone, then once
 * per other catalogue under its two-letter `language_code`, which Telegram shows to users whose
 * client is set to that language. With one publication the menu is what it was before
 * publications. https://core.telegram.org/bots/api#setmycommands
 */
export async function registerCommandMenu(api: Api, source: CommandMenuSource): Promise<void> {
	const takesPublication = source.publications.several() ? commandsTakingPublication(source) : new Set<string>();
	await api.setMyCommands(buildCommandMenu(source.summariesFor(defaultLocale), takesPublication, defaultLocale));
	for (const locale of locales) {
		if (locale === defaultLocale) continue;
		await api.setMyCommands(buildCommandMenu(source.summariesFor(locale), takesPublication, locale), { language_code: telegramLanguageCodes[locale] });
	}
}

/**
 * Registers the menu, and again whenever the archive goes from one publication to several or
 * back (a followed feed's first item arrives after start-up), so the menu says what typed commands
 * accept. Returns the function that stops watching. A failed registration is reported, never thrown:
 * the menu from before stays.
 */
export function keepCommandMenuCurrent(api: Api, source: CommandMenuSource, archive: Pick<Archive, 'onIssue'>, onError: (error: unknown) => void): { readonly registered: Promise<void>; stop(): void } {
	let shown = source.publications.several();
	const registered = registerCommandMenu(api, source).catch(onError);
	let pending = registered;
	const stop = archive.onIssue(() => {
		const several = source.publications.several();
		if (several === shown) return;
		shown = several;
		// In order: two changes in a row must leave the menu of the later one.
		pending = pending.then(() => registerCommandMenu(api, source).catch(onError));
	});
	return { registered, stop };
}

/** The visible commands that take a publication, by name. */
function commandsTakingPublication(source: Pick<Dispatcher, 'commands'>): Set<string> {
	return new Set(source.commands.filter(takesPublication).map((command) => command.name));
}

/** Telegram names a menu's language by ISO 639-1 code alone: "zh", not "zh-CN". */
const telegramLanguageCodes: Readonly<Record<Locale, LanguageCode>> = { en: 'en', ru: 'ru', 'zh-CN': 'zh' };
