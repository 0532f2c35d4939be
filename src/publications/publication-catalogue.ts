import type { PublicationEntry } from '../config/config.js';
import { defaultPublicationSlug, type Publication } from './publication.js';

/** What the catalogue reads of the archive: each publication's newest issue (`Archive.publications`). */
export interface PublishedIssues {
	publications(): ReadonlyMap<string, { readonly issue: { readonly publication?: string } }>;
	/** Every issue, newest first. */
	/** A new array whenever an issue is added or changes (`Archive.list`): the catalogue's cache key. */
	list(): readonly { readonly publication: string }[];
}

/** The publications readers can choose from, as commands, menus and completions list them. */
export interface PublicationCatalogue {
	/**
	 * The publication subscriptions made before publications receive: the folder's when it has
	 * issues (or `PUBLICATIONS` names it), else the one of the oldest issue, which is where the
	 * existing data is (a bot that only followed one feed). Also what `/subscribe` alone means.
	 */
	defaultSlug(): string;
	/** Those `PUBLICATIONS` names, in its order, then every other one that has issues, by name. */
	list(): readonly Publication[];
	/** By slug or name, case-insensitive; undefined when none is called that. */
	find(word: string): Publication | undefined;
	/** What an answer calls the publication of this slug: its name, else (one nobody knows) the slug itself. */
	nameOf(slug: string): string;
	/** More than one to choose from: only then do answers name their publication. */
	several(): boolean;
}

export interface PublicationCatalogueOptions {
	readonly issues: PublishedIssues;
	readonly entries?: readonly PublicationEntry[];
	readonly defaultSlug?: string;
}

/**
 * A publication nobody configured is named after its newest issue's own masthead (a feed's title,
 * a digest's first line), else its slug. The list is rebuilt only when the archive changed.
 */
export function createPublicationCatalogue(options: PublicationCatalogueOptions): PublicationCatalogue {
	const entries = options.entries ?? [];
	const defaultSlug = options.defaultSlug ?? entries.find((entry) => entry.folder)?.slug ?? defaultPublicationSlug;
	let cached: { key: readonly object[]; list: readonly Publication[]; byWord: ReadonlyMap<string, Publication> } | undefined;
	const current = (): NonNullable<typeof cached> => {
		const key = options.issues.list();
		if (cached?.key === key) return cached;
		const configured: Publication[] = entries.map((entry, order) => ({ slug: entry.slug, name: entry.name, description: entry.description, order }));
		const known = new Set(configured.map((publication) => publication.slug));
		const discovered: Publication[] = [...options.issues.publications()]
			.filter(([slug]) => !known.has(slug))
			.map(([slug, latest]) => ({ slug, name: latest.issue.publication?.trim() || slug, order: configured.length }))
			.sort((a, b) => a.name.localeCompare(b.name));
		const all = [...configured, ...discovered];
		// Every command with a publication looks one up, often twice: one map read, slugs before names.
		const byWord = new Map<string, Publication>();
		for (const publication of all) if (!byWord.has(publication.name.toLowerCase())) byWord.set(publication.name.toLowerCase(), publication);
		for (const publication of all) byWord.set(publication.slug, publication);
		cached = { key, list: all, byWord };
		return cached;
	};
	const list = (): readonly Publication[] => current().list;
	return {
		defaultSlug() {
			const present = options.issues.publications();
			if (present.size === 0 || present.has(defaultSlug) || entries.some((entry) => entry.folder)) return defaultSlug;
			const all = options.issues.list();
			return all.at(-1)?.publication ?? defaultSlug;
		},
		list,
		find(word) {
			const wanted = word.trim().toLowerCase();
			if (wanted === '') return undefined;
			return current().byWord.get(wanted);
		},
		nameOf(slug) {
			return current().byWord.get(slug.trim().toLowerCase())?.name ?? slug;
		},
		several: () => list().length > 1,
	};
}

/**
 * "rust async": a leading word that is a publication's slug names the publication, the rest is
 * what is asked. Only with several publications, so that with one "digest news" keeps its words.
 * Inline and guest mode read a mention this way; typed commands have the dispatcher's own rules.
 */
export function readLeadingPublication(text: string, publications: Pick<PublicationCatalogue, 'several' | 'find'> | undefined): { readonly publication?: string; readonly rest: string } {
	if (!publications?.several()) return { rest: text };
	const [first = '', ...others] = text.split(/\s+/);
	const slug = first.toLowerCase();
	return publications.find(slug)?.slug === slug ? { publication: slug, rest: others.join(' ') } : { rest: text };
}
