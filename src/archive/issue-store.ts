import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../errors/store-error.js';
import { issueSchema } from '../model/issue.js';

/** One archived issue with what ingest needs to recognise it again. */
export const storedIssueSchema = z.object({
	issue: issueSchema,
	/** SHA-256 of the file's bytes: re-ingesting an unchanged file is a no-op. */
	hash: z.string(),
	file: z.string().optional(),
	ingestedAt: z.string(),
	/** The publication's slug. Absent in data stored before publications: the archive assigns it by where the issue came from. */
	publication: z.string().optional(),
});
export type StoredIssue = z.infer<typeof storedIssueSchema>;

/** Where issues live between restarts. Small on purpose so a Redis or in-memory store fits behind it. */
export interface IssueStore {
	/** Every stored issue, one at a time: loading a large archive never holds it whole. */
	entries(): AsyncIterable<StoredIssue>;
	put(stored: StoredIssue): Promise<void>;
}

const indexKey = 'issues:index';
const issueKey = (id: string): string => `issue:${id}`;

/**
 * keyv has no listing that survives concurrent writes on every adapter, so the store keeps
 * its own index of ids. The issue is written before the index names it: a crash between the
 * two leaves an unreferenced issue, never a dangling id.
 */
export function createKeyvIssueStore(keyv: Keyv): IssueStore {
	const call = callStore;
	const readIndex = async (): Promise<string[]> => {
		const ids: unknown = await call('get', indexKey, () => keyv.get(indexKey));
		return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
	};
	return {
		async *entries() {
			for (const id of await readIndex()) {
				const value: unknown = await call('get', issueKey(id), () => keyv.get(issueKey(id)));
				const parsed = storedIssueSchema.safeParse(value);
				if (parsed.success) yield parsed.data;
			}
		},
		async put(stored) {
			const id = stored.issue.id;
			await call('set', issueKey(id), () => keyv.set(issueKey(id), stored));
			const ids = await readIndex();
			if (!ids.includes(id)) await call('set', indexKey, () => keyv.set(indexKey, [...ids, id]));
		},
	};
}

/**
 * An in-memory store for tests and benchmarks. It keeps serialised copies, as a real store
 * does, so that callers cannot share objects with it and memory figures stay honest.
 */
export function createMemoryIssueStore(): IssueStore {
	const issues = new Map<string, string>();
	return {
		async *entries() {
			for (const json of issues.values()) yield storedIssueSchema.parse(JSON.parse(json));
		},
		async put(stored) {
			issues.set(stored.issue.id, JSON.stringify(stored));
		},
	};
}
