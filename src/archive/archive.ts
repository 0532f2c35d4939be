import { createHash } from 'node:crypto';
import type { Issue, Story } from '../model/issue.js';
import { slugify } from '../parser/slugify.js';
import type { IssueStore, StoredIssue } from './issue-store.js';
import { StorySearchIndex } from './search-index.js';

/** An issue as the archive presents it: with its place in the archive. */
export interface ArchivedIssue {
	readonly issue: Issue;
	/** 1 is the oldest issue; numbers follow publication order. */
	readonly number: number;
	readonly file?: string;
}

export interface StoryHit {
	readonly issue: ArchivedIssue;
	readonly story: Story;
	readonly score: number;
}

export type IngestOutcome = 'added' | 'updated' | 'unchanged';

export interface IssueEvent {
	readonly issue: Issue;
	readonly outcome: Exclude<IngestOutcome, 'unchanged'>;
}

export type IssueListener = (event: IssueEvent) => void;

/**
 * Every issue the bot knows, held in memory for fast answers and written through to the
 * store. Commands read it synchronously; ingest writes it.
 */
export class Archive {
	private readonly stored = new Map<string, StoredIssue>();
	private ordered: ArchivedIssue[] = [];
	private readonly index = new StorySearchIndex();
	private readonly listeners = new Set<IssueListener>();

	public constructor(private readonly store: IssueStore) {}

	/** Reads what the store holds. Call once before serving. */
	public async load(): Promise<void> {
		for (const stored of await this.store.list()) {
			this.stored.set(stored.issue.id, stored);
			this.index.replace(stored.issue);
		}
		this.reorder();
	}

	/**
	 * Adds or updates an issue. Unchanged content is a no-op; an issue whose date collides with
	 * a different file's is filed under its date and title slug instead.
	 */
	public async put(issue: Issue, source: { readonly bytes: string | Uint8Array; readonly file?: string }): Promise<{ outcome: IngestOutcome; issue: Issue }> {
		const hash = createHash('sha256').update(source.bytes).digest('hex');
		let filed = issue;
		const existing = this.stored.get(issue.id);
		if (existing && source.file && existing.file && existing.file !== source.file) {
			filed = { ...issue, id: `${issue.id}-${slugify(issue.title)}` };
		}
		const previous = this.stored.get(filed.id);
		if (previous?.hash === hash) return { outcome: 'unchanged', issue: previous.issue };
		const stored: StoredIssue = {
			issue: filed,
			hash,
			...(source.file ? { file: source.file } : {}),
			ingestedAt: previous?.ingestedAt ?? new Date().toISOString(),
		};
		await this.store.put(stored);
		this.stored.set(filed.id, stored);
		this.index.replace(filed);
		this.reorder();
		const outcome = previous ? 'updated' : 'added';
		for (const listener of this.listeners) listener({ issue: filed, outcome });
		return { outcome, issue: filed };
	}

	/** Subscribes to issues as they are added or updated; returns the unsubscribe function. */
	public onIssue(listener: IssueListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Newest first. */
	public list(): readonly ArchivedIssue[] {
		return this.ordered;
	}

	public latest(): ArchivedIssue | undefined {
		return this.ordered[0];
	}

	public get size(): number {
		return this.ordered.length;
	}

	/** Finds an issue by id, date, archive number or "latest". */
	public find(reference: string): ArchivedIssue | undefined {
		const wanted = reference.trim().toLowerCase();
		if (wanted === '' || wanted === 'latest') return this.latest();
		if (/^#?\d{1,6}$/.test(wanted)) {
			const number = Number(wanted.replace('#', ''));
			return this.ordered.find((entry) => entry.number === number);
		}
		return this.ordered.find((entry) => entry.issue.id.toLowerCase() === wanted || entry.issue.date === wanted);
	}

	/** Stories matching the query across the archive, best first. */
	public search(query: string, limit = 10): StoryHit[] {
		const hits: StoryHit[] = [];
		for (const hit of this.index.search(query, limit)) {
			const issue = this.find(hit.issueId) ?? this.ordered.find((entry) => entry.issue.id === hit.issueId);
			const story = issue?.issue.stories.find((candidate) => candidate.number === hit.storyNumber);
			if (issue && story) hits.push({ issue, story, score: hit.score });
		}
		return hits;
	}

	/** Dated issues by date, undated ones by when they arrived; numbered oldest first. */
	private reorder(): void {
		const oldestFirst = [...this.stored.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || a.issue.id.localeCompare(b.issue.id));
		this.ordered = oldestFirst
			.map((stored, index): ArchivedIssue => ({ issue: stored.issue, number: index + 1, ...(stored.file ? { file: stored.file } : {}) }))
			.reverse();
	}
}

function sortKey(stored: StoredIssue): string {
	return stored.issue.date ?? stored.ingestedAt.slice(0, 10);
}
