import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Issue, Story } from '../model/issue.js';
import { slugify } from '../parser/slugify.js';
import { defaultPublicationSlug } from '../publications/publication.js';
import type { IssueStore, StoredIssue } from './issue-store.js';
import { StorySearchIndex } from './search-index.js';

/** An issue as the archive presents it: with its place in the archive. */
export interface ArchivedIssue {
	readonly id: string;
	readonly title: string;
	readonly date: string | null;
	/** The slug of the publication it belongs to (see src/publications). */
	readonly publication: string;
	/** 1 is the oldest issue of its publication; numbers follow publication order, so two publications' "#3" never mix. */
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

/** Where an issue stored without a publication (by the version before publications) belongs: by its feed, else its folder. */
export type PublicationOfStored = (stored: { readonly issue: Issue; readonly file?: string }) => string;

export interface ArchiveOptions {
	/** Assigns issues that arrive or were stored without a publication; absent: all belong to the default one. */
	readonly publicationOf?: PublicationOfStored;
}

/** Where bytes came from, as `put` files them. */
export interface IssueSource {
	readonly bytes: string | Uint8Array;
	readonly file?: string;
	/** The publication's slug, when the sender named it (`POST /issues?publication=`, a feed); otherwise `publicationOf` decides. */
	readonly publication?: string;
}

/**
 * Every issue the bot knows, held in memory for fast answers and written through to the
 * store. Commands read it synchronously; ingest writes it.
 */
export class Archive {
	private readonly stored = new Map<string, CompactIssue>();
	private readonly materialised = new LRUCache<string, Issue>({ max: materialisedIssues });
	private ordered: ArchivedIssue[] = [];
	private byPublication = new Map<string, ArchivedIssue[]>();
	private byId = new Map<string, ArchivedIssue>();
	private readonly index = new StorySearchIndex();
	private readonly listeners = new Set<IssueListener>();

	private readonly publicationOf: PublicationOfStored;

	public constructor(
		private readonly store: IssueStore,
		options: ArchiveOptions = {},
	) {
		this.publicationOf = options.publicationOf ?? (() => defaultPublicationSlug);
	}

	/** Reads what the store holds. Call once before serving. Data stored before publications is assigned here, not rewritten. */
	public async load(): Promise<void> {
		for await (const stored of this.store.entries()) {
			this.stored.set(stored.issue.id, compact(stored, stored.publication ?? this.publicationOf(stored)));
			this.index.replace(stored.issue);
		}
		this.reorder();
	}

	/**
	 * Adds or updates an issue. Unchanged content is a no-op; an issue whose date collides with
	 * a different file's is filed under its date and title slug instead, and one whose id another
	 * publication holds under the publication's slug first, so two feeds' "#03" never overwrite
	 * each other. Ids stay as they were whenever nothing collides: one publication's data is
	 * exactly what it was before publications.
	 */
	public async put(issue: Issue, source: IssueSource): Promise<{ outcome: IngestOutcome; issue: Issue }> {
		const hash = createHash('sha256').update(source.bytes).digest('hex');
		const publication = this.publicationFor(issue, source);
		const filed = { ...issue, id: this.freeId(issue, publication, source.file) };
		const previous = this.stored.get(filed.id);
		if (previous?.hash === hash) return { outcome: 'unchanged', issue: this.materialise(previous) };
		const stored: StoredIssue = {
			issue: filed,
			hash,
			...(source.file ? { file: source.file } : {}),
			ingestedAt: previous?.ingestedAt ?? new Date().toISOString(),
			publication,
		};
		await this.store.put(stored);
		this.stored.set(filed.id, compact(stored, publication));
		this.materialised.set(filed.id, filed);
		this.index.replace(filed);
		this.reorder();
		const outcome = previous ? 'updated' : 'added';
		for (const listener of this.listeners) listener({ issue: filed, outcome });
		return { outcome, issue: filed };
	}

	/**
	 * The id `put` would file this issue under, for a caller that must know it first (a feed
	 * marks a backlog item handled before filing it).
	 */
	public idFor(issue: Issue, source: Omit<IssueSource, 'bytes'>): string {
		return this.freeId(issue, this.publicationFor(issue, source), source.file);
	}

	private publicationFor(issue: Issue, source: Omit<IssueSource, 'bytes'>): string {
		return source.publication ?? this.publicationOf({ issue, ...(source.file ? { file: source.file } : {}) });
	}

	/** The id an issue is filed under: its own unless a different file or publication holds it. */
	private freeId(issue: Issue, publication: string, file: string | undefined): string {
		const clashes = (id: string): boolean => {
			const existing = this.stored.get(id);
			if (!existing) return false;
			return existing.publication !== publication || Boolean(file && existing.file && existing.file !== file);
		};
		if (!clashes(issue.id)) return issue.id;
		const existing = this.stored.get(issue.id)!;
		const candidates =
			existing.publication === publication
				? [`${issue.id}-${slugify(issue.title)}`]
				: [`${publication}-${issue.id}`, `${publication}-${issue.id}-${slugify(issue.title)}`];
		return candidates.find((id) => !clashes(id)) ?? candidates.at(-1)!;
	}

	/** Subscribes to issues as they are added or updated; returns the unsubscribe function. */
	public onIssue(listener: IssueListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Newest first: every publication's, or one's (empty for a slug it does not know). */
	public list(publication?: string): readonly ArchivedIssue[] {
		return publication === undefined ? this.ordered : (this.byPublication.get(publication) ?? noIssues);
	}

	public latest(publication?: string): ArchivedIssue | undefined {
		return this.list(publication)[0];
	}

	/** The slugs of the publications that have issues, each with its newest issue, newest first. */
	public publications(): ReadonlyMap<string, ArchivedIssue> {
		return new Map([...this.byPublication].map(([slug, issues]) => [slug, issues[0]!]));
	}

	public get size(): number {
		return this.ordered.length;
	}

	/** The issue with exactly this id: what the delivery worker and search ask for on every job and hit. */
	public get(id: string): ArchivedIssue | undefined {
		return this.byId.get(id);
	}

	/** Finds an issue by id, date, archive number or "latest", in one publication or (numbers: newest first) in all. */
	public find(reference: string, publication?: string): ArchivedIssue | undefined {
		const wanted = reference.trim().toLowerCase();
		const issues = this.list(publication);
		if (wanted === '' || wanted === 'latest') return issues[0];
		if (/^#?\d{1,6}$/.test(wanted)) {
			const number = Number(wanted.replace('#', ''));
			return issues.find((entry) => entry.number === number);
		}
		// An exact id first: ids are unique across publications, dates are not (buttons and deep links carry ids).
		return issues.find((entry) => entry.id.toLowerCase() === wanted) ?? issues.find((entry) => entry.date === wanted);
	}

	/** Stories matching the query across the archive, or one publication, best first. */
	public search(query: string, limit = 10, publication?: string): StoryHit[] {
		const hits: StoryHit[] = [];
		const accepts = publication === undefined ? undefined : (issueId: string): boolean => this.byId.get(issueId)?.publication === publication;
		for (const hit of this.index.search(query, limit, accepts)) {
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
		const counts = new Map<string, number>();
		this.ordered = oldestFirst
			.map((entry): ArchivedIssue => {
				const number = (counts.get(entry.publication) ?? 0) + 1;
				counts.set(entry.publication, number);
				return {
					id: entry.id,
					title: entry.title,
					date: entry.date,
					publication: entry.publication,
					number,
					...(entry.file ? { file: entry.file } : {}),
					get issue() {
						return materialise(entry);
					},
				};
			})
			.reverse();
		this.byId = new Map(this.ordered.map((entry) => [entry.id, entry]));
		const byPublication = new Map<string, ArchivedIssue[]>();
		for (const entry of this.ordered) {
			const issues = byPublication.get(entry.publication);
			if (issues) issues.push(entry);
			else byPublication.set(entry.publication, [entry]);
		}
		this.byPublication = byPublication;
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

const noIssues: readonly ArchivedIssue[] = [];

/** What the archive keeps of each issue between uses. */
interface CompactIssue {
	readonly id: string;
	readonly title: string;
	readonly date: string | null;
	readonly publication: string;
	readonly hash: string;
	readonly file?: string;
	readonly ingestedAt: string;
	readonly sortKey: string;
	/** The issue as deflated JSON: about 8 KB for the reference issue, against ~100 KB as live objects. */
	readonly packed: Buffer;
}

function compact(stored: StoredIssue, publication: string): CompactIssue {
	const { issue } = stored;
	return {
		id: issue.id,
		title: issue.title,
		date: issue.date,
		publication,
		hash: stored.hash,
		...(stored.file ? { file: stored.file } : {}),
		ingestedAt: stored.ingestedAt,
		sortKey: issue.date ?? stored.ingestedAt.slice(0, 10),
		packed: deflateRawSync(JSON.stringify(issue)),
	};
}
