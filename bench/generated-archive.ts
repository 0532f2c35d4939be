import { readFileSync } from 'node:fs';
import { Archive } from '../src/archive/archive.js';
import type { IssueStore } from '../src/archive/issue-store.js';
import { parseIssue } from '../src/parser/parse-issue.js';

export const referenceIssue = readFileSync(new URL('../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url), 'utf8');

/** The reference issue re-dated to the n-th day after 2020-01-01, with a word of its own so search sees distinct issues. */
export function generatedIssue(n: number): string {
	const date = new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
	return referenceIssue.replaceAll('2026-03-03', date).replace('A packed cycle', `Edition marker${n}. A packed cycle`);
}

/** An in-memory archive of `count` issues, as the bot would hold after ingesting them. */
export async function generatedArchive(count: number): Promise<Archive> {
	// Stored nowhere: the bench measures what the bot holds in memory, not a store's copy.
	const discard: IssueStore = { entries: async function* () {}, put: async () => {} };
	const archive = new Archive(discard);
	for (let n = 0; n < count; n += 1) {
		const text = generatedIssue(n);
		await archive.put(parseIssue(text).issue, { bytes: text, file: `issue-${n}.md` });
	}
	return archive;
}
