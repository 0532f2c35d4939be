import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Issue, Story } from '../model/issue.js';
import { slugify } from '../parser/slugify.js';
import type { IssueStore, StoredIssue } from './issue-store.js';
import { StorySearchIndex } from './search-index.js';

/** An issue as the archive presents it: with its place in the archive. */
export interface ArchivedIssue {
	readonly id: string;
	readonly title: string;
	readonly date: string | null;
	/** 1 is the oldest issue; numbers follow publication order. */
	readonly number: number;
	readonly file?: string;
	/** The whole issue. Read it only when the answer needs more than the fields above. */
	readonly issue: Issue;
}

/**
 * How many whole issues stay materialised. The archive keeps every issue as deflated JSON and
 * unpacks one on demand (~0.2 ms): a thousand issues as live objects cost ~100 MB, packed ~8 MB,
 * while readers almost always ask about the latest few.
 */
const materialisedIssues = 16;

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
	private readonly stored = new Map<string, CompactIssue>();
	private readonly materialised = new LRUCache<string, Issue>({ max: materialisedIssues });
	private ordered: ArchivedIssue[] = [];
	private byId = new Map<string, ArchivedIssue>();
	private readonly index = new StorySearchIndex();
	private readonly listeners = new Set<IssueListener>();

	public constructor(private readonly store: IssueStore) {}

	/** Reads what the store holds. Call once before serving. */
	public async load(): Promise<void> {
		for await (const stored of this.store.entries()) {
			this.stored.set(stored.issue.id, compact(stored));
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
		if (previous?.hash === hash) return { outcome: 'unchanged', issue: this.materialise(previous) };
		const stored: StoredIssue = {
			issue: filed,
			hash,
			...(source.file ? { file: source.file } : {}),
			ingestedAt: previous?.ingestedAt ?? new Date().toISOString(),
		};
		await this.store.put(stored);
		this.stored.set(filed.id, compact(stored));
		this.materialised.set(filed.id, filed);
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

	/** The issue with exactly this id: what the delivery worker and search ask for on every job and hit. */
	public get(id: string): ArchivedIssue | undefined {
		return this.byId.get(id);
	}

	/** Finds an issue by id, date, archive number or "latest". */
	public find(reference: string): ArchivedIssue | undefined {
		const wanted = reference.trim().toLowerCase();
		if (wanted === '' || wanted === 'latest') return this.latest();
		if (/^#?\d{1,6}$/.test(wanted)) {
			const number = Number(wanted.replace('#', ''));
			return this.ordered.find((entry) => entry.number === number);
		}
		return this.ordered.find((entry) => entry.id.toLowerCase() === wanted || entry.date === wanted);
	}

	/** Stories matching the query across the archive, best first. */
	public search(query: string, limit = 10): StoryHit[] {
		const hits: StoryHit[] = [];
		for (const hit of this.index.search(query, limit)) {
			const issue = this.byId.get(hit.issueId);
			const story = issue?.issue.stories.find((candidate) => candidate.number === hit.storyNumber);
			if (issue && story) hits.push({ issue, story, score: hit.score });
		}
		return hits;
	}

	/** Dated issues by date, undated ones by when they arrived; numbered oldest first. */
	private reorder(): void {
		const oldestFirst = [...this.stored.values()].sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.id.localeCompare(b.id));
		const materialise = (entry: CompactIssue): Issue => this.materialise(entry);
		this.ordered = oldestFirst
			.map((entry, index): ArchivedIssue => ({
				id: entry.id,
				title: entry.title,
				date: entry.date,
				number: index + 1,
				...(entry.file ? { file: entry.file } : {}),
				get issue() {
					return materialise(entry);
				},
			}))
			.reverse();
		this.byId = new Map(this.ordered.map((entry) => [entry.id, entry]));
	}

	private materialise(entry: CompactIssue): Issue {
		const cached = this.materialised.get(entry.id);
		if (cached) return cached;
		// The JSON was written from a validated issue; reading it back needs no second validation.
		const issue = JSON.parse(inflateRawSync(entry.packed).toString('utf8')) as Issue;
		this.materialised.set(entry.id, issue);
		return issue;
	}
}

/** What the archive keeps of each issue between uses. */
interface CompactIssue {
	readonly id: string;
	readonly title: string;
	readonly date: string | null;
	readonly hash: string;
	readonly file?: string;
	readonly ingestedAt: string;
	readonly sortKey: string;
	/** The issue as deflated JSON: about 8 KB for the reference issue, against ~100 KB as live objects. */
	readonly packed: Buffer;
}

function compact(stored: StoredIssue): CompactIssue {
	const { issue } = stored;
	return {
		id: issue.id,
		title: issue.title,
		date: issue.date,
		hash: stored.hash,
		...(stored.file ? { file: stored.file } : {}),
		ingestedAt: stored.ingestedAt,
		sortKey: issue.date ?? stored.ingestedAt.slice(0, 10),
		packed: deflateRawSync(JSON.stringify(issue)),
	};
}
