import type { Keyv } from 'keyv';
import type { Archive, ArchivedIssue } from '../archive/archive.js';
import { callStore } from '../errors/store-error.js';
import { createBatchWriter } from '../sync/batch-writer.js';
import { readRemembered, toStored, type RememberedIssues, type StoredReaderMemory } from './remembered-issues.js';

/**
 * A reader: one person on one platform. Keyed by the user, never by the chat, so two members of
 * a group each catch up from what they themselves saw.
 */
export interface ReaderRef {
	readonly platform: string;
	readonly userId: string;
}

/**
 * The one thing the bot remembers about a reader: per publication, the newest issue they were
 * shown (by a command) or sent (to their private chat), so `/since` can list what came after it.
 * Issue numbers are per publication, so one publication's memory says nothing of another's.
 */
export interface ReaderMemory {
	/**
	 * The newest issue of the publication this reader was shown or sent; without a publication,
	 * the newest of any (what one publication asks). Undefined for a reader never seen, or whose
	 * issue left the archive.
	 */
	lastShown(reader: ReaderRef, publication?: string): Promise<ArchivedIssue | undefined>;
	/** Remembers an issue as shown. An issue older than the one remembered of its publication changes nothing: looking back is not catching up. */
	recordShown(reader: ReaderRef, issue: ArchivedIssue): Promise<void>;
}

const readerKey = (reader: ReaderRef): string => `reader:${reader.platform}:${reader.userId}`;

/**
 * Reader memory on keyv: one key per reader, holding one issue id while the reader knows one
 * publication (exactly what the version before publications wrote), and a map of publication to
 * issue id once they know several (see remembered-issues.ts). "Newest" is the archive's order
 * (issue numbers within a publication), read when writing, so a late-filed older issue never
 * counts as news. The lock keeps one process's concurrent writes (a command and a delivery for
 * the same reader) from putting an older issue back or dropping another publication's issue.
 */
export function createKeyvReaderMemory(keyv: Keyv, archive: Archive): ReaderMemory {
	// "Never move a reader back" is a read, then a write, of their key: one reader's sections run
	// in turn, while different readers never wait for each other (one lock for all capped the
	// bot at one store write at a time, ~600 answers a second on SQLite).
	const turns = new Map<string, Promise<unknown>>();
	const inTurn = <T>(key: string, section: () => Promise<T>): Promise<T> => {
		const result = (turns.get(key) ?? Promise.resolve()).then(section, section);
		const tail = result.catch(() => undefined);
		turns.set(key, tail);
		void tail.then(() => {
			if (turns.get(key) === tail) turns.delete(key);
		});
		return result;
	};
	// SQLite commits each statement as a transaction: readers answered at the same time share one.
	const write = createBatchWriter<StoredReaderMemory>((batch) => {
		const entries = [...batch].map(([key, value]) => ({ key, value }));
		return callStore('setMany', entries[0]?.key ?? '', () => keyv.setMany(entries));
	});
	const read = async (reader: ReaderRef): Promise<RememberedIssues> => {
		const key = readerKey(reader);
		const stored: unknown = await callStore('get', key, () => keyv.get(key));
		return readRemembered(stored, archive);
	};
	return {
		async lastShown(reader, publication) {
			const remembered = await read(reader);
			if (publication !== undefined) return remembered.get(publication);
			if (remembered.size <= 1) return remembered.values().next().value;
			// The newest of any: the first of them in the archive, which lists newest first.
			const known = new Set(remembered.values());
			return archive.list().find((entry) => known.has(entry));
		},
		recordShown: (reader, issue) =>
			inTurn(readerKey(reader), async () => {
				const remembered = await read(reader);
				const known = remembered.get(issue.publication);
				if (known && known.number >= issue.number) return;
				remembered.set(issue.publication, issue);
				await write(readerKey(reader), toStored(remembered));
			}),
	};
}

/** What a command sees of the memory: bound to the reader who sent it. */
export interface ReaderRecall {
	/** See {@link ReaderMemory.lastShown}. */
	lastShown(publication?: string): Promise<ArchivedIssue | undefined>;
	/** Notes that the answer shows this issue. Kept only if the answer succeeds (see {@link bindReader}). */
	shown(issue: ArchivedIssue): void;
}

/**
 * Binds the memory to one command run. Issues noted while the command runs are written once per
 * publication, at the end, and only when the answer did not fail: `/story 99` resolves the
 * issue, then shows no story.
 */
export function bindReader(memory: ReaderMemory, reader: ReaderRef): { recall: ReaderRecall; remember(): Promise<void> } {
	const newest = new Map<string, ArchivedIssue>();
	return {
		recall: {
			lastShown: (publication) => memory.lastShown(reader, publication),
			shown(issue) {
				const known = newest.get(issue.publication);
				if (!known || issue.number > known.number) newest.set(issue.publication, issue);
			},
		},
		remember: async () => {
			for (const issue of newest.values()) await memory.recordShown(reader, issue);
		},
	};
}
