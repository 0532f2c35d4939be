import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../../errors/store-error.js';
import { createBatchWriter } from '../../sync/batch-writer.js';
import { createSerialLock } from '../../sync/serial-lock.js';
import type { SentPost } from '../delivery-transport.js';
import { issueBaselineSchema, issueChangesSchema, type IssueBaseline, type IssueChanges } from './issue-changes.js';

/** The messages each subscriber was posted for an issue, so a correction can edit them. */
export interface PostedMessageStore {
	save(issueId: string, subscriptionId: string, post: SentPost): Promise<void>;
	get(issueId: string, subscriptionId: string): Promise<SentPost | undefined>;
	/** Those of `subscriptionIds` who hold a post of the issue: a correction's snapshot. */
	receivedBy(issueId: string, subscriptionIds: readonly string[]): Promise<string[]>;
}

/** How one subscriber's correction went: messages edited, a "Correction: …" post instead, or nothing to change in their format. */
export type CorrectionResult = 'edited' | 'posted' | 'unchanged';

export type CorrectionCounts = Readonly<Record<CorrectionResult, number>>;

/** A correction's bookkeeping besides the broadcast ledger: the revision last sent, what changed, and how each subscriber's went. */
export interface CorrectionStore {
	baseline(issueId: string): Promise<IssueBaseline | undefined>;
	setBaseline(issueId: string, baseline: IssueBaseline): Promise<void>;
	/** Stores what a correction names; written before its jobs, so every job finds it. */
	open(broadcastId: string, changes: IssueChanges): Promise<void>;
	changes(broadcastId: string): Promise<IssueChanges | undefined>;
	/** Counts one subscriber's result; on Redis once per subscriber, on keyv a job in flight at a crash may count twice (as it may post twice). */
	count(broadcastId: string, subscriptionId: string, result: CorrectionResult): Promise<void>;
	counts(broadcastId: string): Promise<CorrectionCounts>;
}

/** Both stores, as a delivery engine creates them for its backend. */
export interface CorrectionStores {
	readonly posted: PostedMessageStore;
	readonly corrections: CorrectionStore;
}

export const sentPostSchema = z.object({ chatId: z.string(), messages: z.array(z.object({ id: z.string(), digest: z.string() })) });
const countsSchema = z.object({ edited: z.number(), posted: z.number(), unchanged: z.number() });
type StoredCounts = z.infer<typeof countsSchema>;

/** Reads per `getMany`, as the delivery queue does. */
const batchSize = 500;

/**
 * The embedded engine's stores on keyv. Posted messages are group-committed like job outcomes
 * (one SQLite statement per batch), since every post of a broadcast writes one. Correction
 * counts live in memory once read and are written through the same way: one process drains a
 * keyv queue, so nobody else changes them meanwhile.
 */
export function createKeyvCorrectionStores(keyv: Keyv): CorrectionStores {
	const postedKey = (issueId: string, subscriptionId: string): string => `posted:${issueId}/${subscriptionId}`;
	const baselineKey = (issueId: string): string => `correction:baseline:${issueId}`;
	const changesKey = (broadcastId: string): string => `correction:changes:${broadcastId}`;
	const countsKey = (broadcastId: string): string => `correction:counts:${broadcastId}`;
	const writeBatched = createBatchWriter<SentPost | StoredCounts>((batch) => {
		const entries = [...batch].map(([key, value]) => ({ key, value }));
		return callStore('setMany', entries[0]?.key ?? '', () => keyv.setMany(entries));
	});
	const lock = createSerialLock();
	const counted = new Map<string, StoredCounts>();
	const readCounts = async (broadcastId: string): Promise<StoredCounts> => {
		const cached = counted.get(broadcastId);
		if (cached) return cached;
		const parsed = countsSchema.safeParse(await callStore('get', countsKey(broadcastId), () => keyv.get(countsKey(broadcastId))));
		// A count may have landed while this read was out (`/status` reads without the lock): the
		// stored value is then older than the cached one, and must not replace it.
		const meanwhile = counted.get(broadcastId);
		if (meanwhile) return meanwhile;
		const counts = parsed.success ? parsed.data : { edited: 0, posted: 0, unchanged: 0 };
		if (counted.size > 20) counted.clear();
		counted.set(broadcastId, counts);
		return counts;
	};
	const posted: PostedMessageStore = {
		save: (issueId, subscriptionId, post) => writeBatched(postedKey(issueId, subscriptionId), post),
		async get(issueId, subscriptionId) {
			const key = postedKey(issueId, subscriptionId);
			const parsed = sentPostSchema.safeParse(await callStore('get', key, () => keyv.get(key)));
			return parsed.success ? parsed.data : undefined;
		},
		async receivedBy(issueId, subscriptionIds) {
			const found: string[] = [];
			for (let start = 0; start < subscriptionIds.length; start += batchSize) {
				const slice = subscriptionIds.slice(start, start + batchSize);
				const values: unknown[] = await callStore('getMany', postedKey(issueId, slice[0] ?? ''), () => keyv.getMany(slice.map((id) => postedKey(issueId, id))));
				values.forEach((value, index) => {
					const id = slice[index];
					if (id !== undefined && sentPostSchema.safeParse(value).success) found.push(id);
				});
			}
			return found;
		},
	};
	const corrections: CorrectionStore = {
		async baseline(issueId) {
			const parsed = issueBaselineSchema.safeParse(await callStore('get', baselineKey(issueId), () => keyv.get(baselineKey(issueId))));
			return parsed.success ? parsed.data : undefined;
		},
		async setBaseline(issueId, baseline) {
			await callStore('set', baselineKey(issueId), () => keyv.set(baselineKey(issueId), baseline));
		},
		async open(broadcastId, changes) {
			await callStore('set', changesKey(broadcastId), () => keyv.set(changesKey(broadcastId), changes));
		},
		async changes(broadcastId) {
			const parsed = issueChangesSchema.safeParse(await callStore('get', changesKey(broadcastId), () => keyv.get(changesKey(broadcastId))));
			return parsed.success ? parsed.data : undefined;
		},
		async count(broadcastId, _subscriptionId, result) {
			const next = await lock.run(async () => {
				const stored = await readCounts(broadcastId);
				const updated: StoredCounts = { ...stored, [result]: stored[result] + 1 };
				counted.set(broadcastId, updated);
				return updated;
			});
			await writeBatched(countsKey(broadcastId), next);
		},
		async counts(broadcastId) {
			const { edited, posted: postedCount, unchanged } = await readCounts(broadcastId);
			return { edited, posted: postedCount, unchanged };
		},
	};
	return { posted, corrections };
}
