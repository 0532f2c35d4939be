import { slugify } from '../parser/slugify.js';

/**
 * A named source of issues: the digest folder, one of its sub-folders, a followed feed, or what
 * `POST /issues?publication=` names. Readers address it by its slug (`/latest rust`); the name
 * and description are what `/publications` shows.
 */
export interface Publication {
	readonly slug: string;
	readonly name: string;
	readonly description?: string;
	/** Lower first; `PUBLICATIONS` sets it by position, the others follow by name. */
	readonly order: number;
}

/**
 * The slug of the publication existing data belongs to: the digest folder's own files, and every
 * issue and subscription stored before publications existed, when `PUBLICATIONS` names no other.
 */
export const defaultPublicationSlug = 'digest';

/**
 * A slug is one word a reader can type after a command. Digits-only words and dates are issue
 * references (`/issue 3`, `/issue 2026-03-03`), and `all`/`latest` are keywords, so no slug
 * may be one: the letter first rules out both kinds of reference.
 */
export const publicationSlugPattern = /^[a-z][a-z0-9-]{0,31}$/;

const reservedSlugs = new Set(['all', 'latest']);

/** Whether a word can be a publication's slug. */
export function isPublicationSlug(word: string): boolean {
	return publicationSlugPattern.test(word) && !reservedSlugs.has(word);
}

/** The slug a feed or folder gets from its title: short, typeable, never a reserved word. */
export function publicationSlugOf(title: string): string {
	const base = slugify(title).slice(0, 32).replace(/-+$/, '');
	const lettered = /^[a-z]/.test(base) ? base : `p-${base}`.slice(0, 32);
	return isPublicationSlug(lettered) ? lettered : `${lettered}-pub`.slice(0, 32);
}
