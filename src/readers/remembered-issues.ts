import type { ArchivedIssue } from '../archive/archive.js';

/** A reader's memory: per publication slug, the newest issue of it they were shown or sent. */
export type RememberedIssues = Map<string, ArchivedIssue>;

/** What a reader's key holds: one issue id (one publication known), or publication slug → issue id. */
export type StoredReaderMemory = string | Readonly<Record<string, string>>;

/**
 * Reads a reader's key, in either shape. The version before publications wrote one issue id:
 * it is the memory of the publication that issue belongs to, so nothing needs rewriting. An id
 * whose issue left the archive is forgotten, as it always was.
 */
export function readRemembered(stored: unknown, archive: { get(id: string): ArchivedIssue | undefined }): RememberedIssues {
	const remembered: RememberedIssues = new Map();
	const ids = typeof stored === 'string' ? [stored] : typeof stored === 'object' && stored !== null ? Object.values(stored as Record<string, unknown>) : [];
	for (const id of ids) {
		const issue = typeof id === 'string' ? archive.get(id) : undefined;
		// The issue's own publication decides, should the map and the archive ever disagree.
		if (issue) remembered.set(issue.publication, issue);
	}
	return remembered;
}

/**
 * The shape to store: a reader who knows one publication keeps the plain issue id, exactly what
 * the version before publications wrote (so with one publication the data never changes);
 * several are kept as a map.
 */
export function toStored(remembered: RememberedIssues): StoredReaderMemory {
	const entries = [...remembered];
	if (entries.length === 1) return entries[0]![1].id;
	return Object.fromEntries(entries.map(([slug, issue]) => [slug, issue.id]));
}
