import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import type { Span } from '../content/span.js';
import english from './catalogues/en.js';
import russian from './catalogues/ru.js';
import chinese from './catalogues/zh-cn.js';
import { defaultLocale, resolveLocale, type Locale } from './locale.js';

/**
 * A message's variables; undefined ones are left out. A span (a chat's name, see `chatName`)
 * keeps its marks in {@link Translator.spans} and reads as its text everywhere else.
 */
export type MessageArgs = Readonly<Record<string, string | number | Span | undefined>>;

/** The bot's words in one language: plain text, text with marks, dates. */
export interface Translator {
	readonly locale: Locale;
	/** Whether this language's catalogue has the message. */
	has(id: string): boolean;
	/** The message as plain text; its marks (`code`, **bold**) stay as typed. An unknown id falls back to English, then to the id. */
	text(id: string, args?: MessageArgs): string;
	/** The message as spans: `code` and **bold** become marks. Variables are inserted after the marks are read, so their text is never a mark. */
	spans(id: string, args?: MessageArgs): Span[];
	/** "Mar 3, 2026", "3 мар. 2026 г.", "2026年3月3日"; the catalogue's "undated" without a date. */
	date(isoDate: string | null): string;
	/** Joins names the way the language lists them ("a, b" / "a、b"). */
	list(items: readonly string[]): string;
	/** Joins names as "a, b and c" would in the language (Intl's conjunction list). */
	and(items: readonly string[]): string;
}

/** Each catalogue's Fluent source, by locale. */
export const catalogues: Readonly<Record<Locale, string>> = { en: english, ru: russian, 'zh-CN': chinese };

function createBundle(locale: Locale): FluentBundle {
	// No bidi isolation marks around variables: none of these languages is right-to-left, and the
	// marks would reach chats as invisible characters inside commands readers copy.
	const bundle = new FluentBundle(locale, { useIsolating: false });
	const errors = bundle.addResource(new FluentResource(catalogues[locale]));
	if (errors.length > 0) throw new Error(`catalogue ${locale} does not parse: ${errors.map((error) => error.message).join('; ')}`);
	return bundle;
}

const markPattern = /(`[^`]+`|\*\*[^*]+\*\*)/;
/** Private-use characters stand in for variables while marks are read. */
const slot = (index: number): string => `\uE000${index}\uE001`;
const slotPattern = /\uE000(\d+)\uE001/g;

/**
 * The runs of one marked part with its variables filled in: text variables join the run, a
 * span variable becomes a run of its own carrying its marks and the part's.
 */
function fill(part: string, values: readonly (string | Span)[], marks: Omit<Span, 'text'>): Span[] {
	const runs: Span[] = [];
	let text = '';
	let from = 0;
	for (const match of part.matchAll(slotPattern)) {
		const value = values[Number(match[1])] ?? '';
		text += part.slice(from, match.index);
		from = match.index + match[0].length;
		if (typeof value === 'string') text += value;
		else {
			if (text !== '') runs.push({ text, ...marks });
			runs.push({ ...value, ...marks });
			text = '';
		}
	}
	text += part.slice(from);
	if (text !== '' || runs.length === 0) runs.push({ text, ...marks });
	return runs;
}

function createTranslator(locale: Locale, fallback?: Translator): Translator {
	const bundle = createBundle(locale);
	const dates = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
	const conjunction = new Intl.ListFormat(locale === 'en' ? 'en-US' : locale, { type: 'conjunction' });
	const format = (id: string, args: MessageArgs): string | undefined => {
		const pattern = bundle.getMessage(id)?.value;
		if (!pattern) return undefined;
		const defined: Record<string, FluentVariable> = {};
		for (const [name, value] of Object.entries(args)) if (value !== undefined) defined[name] = typeof value === 'object' ? value.text : value;
		const errors: Error[] = [];
		return bundle.formatPattern(pattern, defined, errors);
	};
	const translator: Translator = {
		locale,
		has: (id) => bundle.hasMessage(id),
		text(id, args = {}) {
			return format(id, args) ?? fallback?.text(id, args) ?? id;
		},
		spans(id, args = {}) {
			if (!bundle.hasMessage(id) && fallback) return fallback.spans(id, args);
			const values: (string | Span)[] = [];
			const slotted: Record<string, string | number> = {};
			for (const [name, value] of Object.entries(args)) {
				// Numbers stay numbers so that plural selectors work; strings wait in a slot.
				if (typeof value === 'number') slotted[name] = value;
				else if (value !== undefined) slotted[name] = slot(values.push(value) - 1);
			}
			const raw = format(id, slotted) ?? id;
			const spans: Span[] = [];
			for (const part of raw.split(markPattern)) {
				if (part === '') continue;
				if (part.startsWith('`') && part.endsWith('`') && part.length > 1) spans.push(...fill(part.slice(1, -1), values, { code: true }));
				else if (part.startsWith('**') && part.endsWith('**') && part.length > 3) spans.push(...fill(part.slice(2, -2), values, { bold: true }));
				else spans.push(...fill(part, values, {}));
			}
			return spans;
		},
		date(isoDate) {
			return isoDate ? dates.format(new Date(`${isoDate}T00:00:00Z`)) : translator.text('date-undated');
		},
		list(items) {
			return items.join(locale === 'zh-CN' ? '、' : ', ');
		},
		and(items) {
			return conjunction.format(items);
		},
	};
	return translator;
}

/**
 * Translators are built once per language and shared: a bundle parses its catalogue when built,
 * and every command run asks for one.
 */
const translators = new Map<Locale, Translator>();

/** The translator for a locale or any platform language tag (see {@link resolveLocale}); English by default. */
export function translatorFor(tag?: string): Translator {
	const locale = resolveLocale(tag);
	let translator = translators.get(locale);
	if (!translator) {
		const fallback = locale === defaultLocale ? undefined : translatorFor(defaultLocale);
		translators.set(locale, (translator = createTranslator(locale, fallback)));
	}
	return translator;
}
