import { basename, dirname, relative, sep } from 'node:path';
import type { PublicationEntry } from '../config/config.js';
import type { Issue } from '../model/issue.js';
import { defaultPublicationSlug, isPublicationSlug, publicationSlugOf } from './publication.js';

/**
 * Which publication an issue belongs to, by where it came from. One function for new issues and
 * for those stored before publications, so that an issue keeps its publication across restarts
 * whether or not its record says so.
 */
export interface PublicationSources {
	/** The digest folder's own files, and everything that names no other source. */
	readonly defaultSlug: string;
	/** A stored or arriving issue: its feed's, else its sub-folder's, else the default. */
	of(source: { readonly issue: Issue; readonly file?: string }): string;
	/** A followed feed's: `PUBLICATIONS`' entry for its URL, else a slug of its title, else of its host. */
	ofFeed(url: string, title?: string): string;
}

export interface PublicationSourcesOptions {
	/** DIGEST_DIR, resolved: a file in `DIGEST_DIR/<slug>/` belongs to `<slug>`. */
	readonly digestDir?: string;
	readonly entries?: readonly PublicationEntry[];
}

/** Feed items are filed as `feed:<url>#<item key>` (src/feeds/feed-ingest.ts). */
const feedFilePrefix = 'feed:';

export function createPublicationSources(options: PublicationSourcesOptions = {}): PublicationSources {
	const entries = options.entries ?? [];
	const defaultSlug = entries.find((entry) => entry.folder)?.slug ?? defaultPublicationSlug;
	const byFeed = new Map(entries.filter((entry) => entry.feed).map((entry) => [entry.feed!, entry.slug]));
	const ofFeed = (url: string, title?: string): string => {
		const configured = byFeed.get(url);
		if (configured) return configured;
		if (title?.trim()) return publicationSlugOf(title);
		try {
			return publicationSlugOf(new URL(url).hostname.replace(/^www\./, ''));
		} catch {
			return publicationSlugOf(url);
		}
	};
	return {
		defaultSlug,
		ofFeed,
		of({ issue, file }) {
			if (!file) return defaultSlug;
			if (file.startsWith(feedFilePrefix)) {
				const hash = file.lastIndexOf('#');
				const url = file.slice(feedFilePrefix.length, hash > feedFilePrefix.length ? hash : undefined);
				// Before publications a feed item carried its feed's title as `publication` (feed-item-issue.ts).
				return ofFeed(url, issue.publication);
			}
			return folderSlug(options.digestDir, file) ?? defaultSlug;
		},
	};
}

/** `DIGEST_DIR/<slug>/file.md` → the slug; a file directly in DIGEST_DIR, or outside it, → none. */
function folderSlug(digestDir: string | undefined, file: string): string | undefined {
	if (!digestDir) return undefined;
	const path = relative(digestDir, dirname(file));
	if (path === '' || path.startsWith('..') || path.includes(sep)) return undefined;
	const folder = basename(path);
	return isPublicationSlug(folder) ? folder : publicationSlugOf(folder);
}
