import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { StoreError } from '../../../errors/store-error.js';
import { createBatchWriter } from '../../../sync/batch-writer.js';
import { createSerialLock } from '../../../sync/serial-lock.js';
import { broadcastRecordSchema, deliveryJobId, deliveryJobSchema, type BroadcastRecord, type BroadcastStats, type DeliveryJob, type FinalJobState } from '../../delivery-job.js';
import { statsOf } from '../../broadcast-ledger.js';
import type { DeliveryQueue, RetryCause } from '../../delivery-queue.js';
import { scheduleOf } from '../../broadcast-schedule.js';
import { createDueHeap } from './due-heap.js';

export interface KeyvDeliveryQueueOptions {
	readonly log?: Logger;
	readonly now?: () => number;
	/** Jobs written per `setMany` while enqueueing; keeps one SQLite statement reasonable. */
	readonly batchSize?: number;
}

const openKey = 'delivery:open';
const latestKey = 'delivery:latest';
const broadcastKey = (issueId: string): string => `delivery:broadcast:${issueId}`;
const targetsKey = (issueId: string): string => `delivery:targets:${issueId}`;
const dueKey = (issueId: string): string => `delivery:due:${issueId}`;
const jobKey = (jobId: string): string => `delivery:job:${jobId}`;

interface OpenBroadcast {
	record: BroadcastRecord;
	/** Stores the current counters (batched with job writes). */
	readonly persist: () => Promise<void>;
	/** Progress is logged each time this many more jobs are final. */
	readonly logEvery: number;
	nextLogAt: number;
}

/**
 * The embedded delivery queue on keyv (SQLite by default).
 *
 * Never-claimed-twice holds for one process: open jobs are mirrored in memory and `claim` moves
 * a job into the claimed set synchronously, before its first await, so two concurrent claims in
 * the same event loop cannot take it. Nothing protects two processes draining one store (keyv
 * has no compare-and-set): run one bot process per store, or move to a queue with atomic claims
 * (BullMQ) behind {@link DeliveryQueue}.
 *
 * Crash safety: jobs are written before the broadcast leaves `enqueuing`, a job is marked
 * `delivered` only after the send resolved (and the worker holds the slot until it is stored),
 * and on start every job that is not final is queued again. So the only posts that can arrive
 * twice are those in flight at a crash: at most the worker's concurrency.
 *
 * No keyv iteration is used (the SQLite adapter pages with OFFSET and skips rows deleted
 * meanwhile): each broadcast stores the snapshot of its subscription ids, and open broadcasts
 * are listed under one key.
 */
export async function createKeyvDeliveryQueue(keyv: Keyv, options: KeyvDeliveryQueueOptions = {}): Promise<DeliveryQueue> {
	const now = options.now ?? Date.now;
	const log = options.log;
	const batchSize = options.batchSize ?? 500;
	const metaLock = createSerialLock();
	const broadcasts = new Map<string, OpenBroadcast>();
	const jobs = new Map<string, DeliveryJob>();
	const ready: string[] = [];
	// Ordered by due time: jobs waiting hours for a subscriber's hour (`/settings at`) are not
	// walked on every claim of a running broadcast (a scan took 55 ms a claim with 100,000 waiting).
	const delayed = createDueHeap();
	const claimed = new Set<string>();
	let latestIssueId: string | undefined;

	const call = async <T>(operation: string, key: string, run: () => Promise<T>): Promise<T> => {
		try {
			return await run();
		} catch (error) {
			throw new StoreError(operation, key, { cause: error });
		}
	};
	const readList = async (key: string): Promise<string[]> => {
		const value: unknown = await call('get', key, () => keyv.get(key));
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	};
	const readRecord = async (issueId: string): Promise<BroadcastRecord | undefined> => {
		const parsed = broadcastRecordSchema.safeParse(await call('get', broadcastKey(issueId), () => keyv.get(broadcastKey(issueId))));
		return parsed.success ? parsed.data : undefined;
	};
	/**
	 * Outcomes and broadcast counters are group-committed: one statement carries every send that
	 * finished while the previous one was being stored. Every write of a job or a broadcast record
	 * goes through here, so a later write of a key can never be overtaken by an earlier one.
	 */
	const writeBatched = createBatchWriter<DeliveryJob | BroadcastRecord>((batch) => {
		const entries = [...batch].map(([key, value]) => ({ key, value }));
		return call('setMany', entries[0]?.key ?? '', () => keyv.setMany(entries));
	});
	const writeRecord = (record: BroadcastRecord): Promise<void> => writeBatched(broadcastKey(record.issueId), record);
	const writeJob = (job: DeliveryJob): Promise<void> => writeBatched(jobKey(job.id), job);
	const writeJobs = async (batch: readonly DeliveryJob[]): Promise<void> => {
		for (let start = 0; start < batch.length; start += batchSize) {
			const slice = batch.slice(start, start + batchSize);
			await call('setMany', jobKey(slice[0]?.id ?? ''), () => keyv.setMany(slice.map((job) => ({ key: jobKey(job.id), value: job }))));
		}
	};
	const readJobs = async (ids: readonly string[]): Promise<(DeliveryJob | undefined)[]> => {
		const found: (DeliveryJob | undefined)[] = [];
		for (let start = 0; start < ids.length; start += batchSize) {
			const slice = ids.slice(start, start + batchSize);
			const values: unknown[] = await call('getMany', jobKey(slice[0] ?? ''), () => keyv.getMany(slice.map(jobKey)));
			for (const value of values) {
				const parsed = deliveryJobSchema.safeParse(value);
				found.push(parsed.success ? parsed.data : undefined);
			}
		}
		return found;
	};

	const toStats = (record: BroadcastRecord): BroadcastStats => {
		let inFlight = 0;
		for (const id of claimed) if (jobs.get(id)?.issueId === record.issueId) inFlight += 1;
		return statsOf(record, inFlight);
	};
	const counts = (record: BroadcastRecord) => ({ issue: record.issueId, queued: record.queued, delivered: record.delivered, failed: record.failed, unsubscribed: record.unsubscribed });

	const track = (record: BroadcastRecord): OpenBroadcast => {
		const open: OpenBroadcast = {
			record,
			persist: () => writeRecord(open.record),
			logEvery: Math.max(1, Math.ceil(record.queued / 10)),
			nextLogAt: 0,
		};
		open.nextLogAt = record.delivered + record.failed + record.unsubscribed + open.logEvery;
		broadcasts.set(record.issueId, open);
		return open;
	};
	const schedule = (job: DeliveryJob): void => {
		jobs.set(job.id, job);
		if (job.notBefore <= now()) ready.push(job.id);
		else delayed.push(job.id, job.notBefore);
	};
	const finishIfDone = async (open: OpenBroadcast): Promise<void> => {
		const { record } = open;
		if (record.state === 'finished' || record.delivered + record.failed + record.unsubscribed < record.queued) return;
		open.record = { ...record, state: 'finished', finishedAt: new Date(now()).toISOString() };
		await open.persist();
		await metaLock.run(async () => {
			const ids = await readList(openKey);
			await call('set', openKey, () => keyv.set(openKey, ids.filter((id) => id !== record.issueId)));
		});
		if (latestIssueId !== record.issueId) broadcasts.delete(record.issueId);
		log?.info(counts(open.record), 'broadcast finished');
	};

	/** Loads open broadcasts after a start or a crash, finishing any enqueue that was cut short. */
	const recover = async (): Promise<void> => {
		const latest: unknown = await call('get', latestKey, () => keyv.get(latestKey));
		latestIssueId = typeof latest === 'string' ? latest : undefined;
		for (const issueId of await readList(openKey)) {
			const record = await readRecord(issueId);
			if (!record || record.state === 'finished' || record.state === 'skipped') continue;
			const targets = await readList(targetsKey(issueId));
			const due = await readDue(issueId);
			const stored = await readJobs(targets.map((subscriptionId) => deliveryJobId(issueId, subscriptionId)));
			const missing: DeliveryJob[] = [];
			const tally = { delivered: 0, failed: 0, unsubscribed: 0 };
			const open: DeliveryJob[] = [];
			targets.forEach((subscriptionId, index) => {
				const job = stored[index];
				if (!job) {
					missing.push(newJob(issueId, subscriptionId, due.get(subscriptionId)));
					return;
				}
				if (job.state === 'delivered' || job.state === 'failed' || job.state === 'unsubscribed') tally[job.state] += 1;
				else open.push(job);
			});
			// Only an enqueue cut short by a crash can leave jobs missing; create them now.
			await writeJobs(missing);
			const recovered: BroadcastRecord = {
				...record,
				state: 'sending',
				queued: targets.length,
				delivered: tally.delivered,
				failed: tally.failed,
				unsubscribed: tally.unsubscribed,
			};
			const tracked = track(recovered);
			await tracked.persist();
			for (const job of [...open, ...missing]) schedule(job);
			log?.info({ ...counts(recovered), pending: open.length + missing.length }, 'broadcast resumed');
			await finishIfDone(tracked);
		}
	};

	const newJob = (issueId: string, subscriptionId: string, dueAt?: number): DeliveryJob => ({
		id: deliveryJobId(issueId, subscriptionId),
		issueId,
		subscriptionId,
		state: 'queued',
		failures: 0,
		rateLimited: 0,
		notBefore: dueAt ?? 0,
		...(dueAt === undefined ? {} : { dueAt }),
		updatedAt: new Date(now()).toISOString(),
	});
	/** Due times live beside the snapshot, so jobs an enqueue cut short are recreated due when planned. */
	const readDue = async (issueId: string): Promise<Map<string, number>> => {
		const value: unknown = await call('get', dueKey(issueId), () => keyv.get(dueKey(issueId)));
		return new Map(value && typeof value === 'object' ? Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number') : []);
	};

	const claimedJob = (jobId: string): { job: DeliveryJob; open: OpenBroadcast } => {
		const job = jobs.get(jobId);
		const open = job ? broadcasts.get(job.issueId) : undefined;
		if (!job || !open || !claimed.has(jobId)) throw new Error(`delivery job ${jobId} is not claimed`);
		return { job, open };
	};

	await recover();

	return {
		enqueueBroadcast: (issueId, subscriptionIds, dueAt) =>
			metaLock.run(async () => {
				const existing = broadcasts.get(issueId)?.record ?? (await readRecord(issueId));
				if (existing) return toStats(existing);
				const targets = [...new Set(subscriptionIds)];
				const createdAt = new Date(now()).toISOString();
				const record: BroadcastRecord = { issueId, state: 'enqueuing', createdAt, queued: targets.length, delivered: 0, failed: 0, unsubscribed: 0, ...(dueAt && dueAt.size > 0 ? { scheduled: scheduleOf(dueAt) } : {}) };
				// Order matters for crash safety: the snapshot, then the record (the "handled" marker),
				// then the open list; recovery finishes from the snapshot whatever was cut short.
				await call('set', targetsKey(issueId), () => keyv.set(targetsKey(issueId), targets));
				if (dueAt && dueAt.size > 0) await call('set', dueKey(issueId), () => keyv.set(dueKey(issueId), Object.fromEntries(dueAt)));
				await writeRecord(record);
				const openIds = await readList(openKey);
				await call('set', openKey, () => keyv.set(openKey, [...openIds, issueId]));
				await call('set', latestKey, () => keyv.set(latestKey, issueId));
				const created = targets.map((subscriptionId) => newJob(issueId, subscriptionId, dueAt?.get(subscriptionId)));
				await writeJobs(created);
				const previousLatest = latestIssueId;
				latestIssueId = issueId;
				if (previousLatest && previousLatest !== issueId && broadcasts.get(previousLatest)?.record.state === 'finished') broadcasts.delete(previousLatest);
				const open = track({ ...record, state: 'sending' });
				await open.persist();
				for (const job of created) schedule(job);
				log?.info(counts(open.record), 'broadcast queued');
				await finishIfDone(open);
				return toStats(open.record);
			}),

		skipBroadcast: (issueId, reason) =>
			metaLock.run(async () => {
				if (broadcasts.has(issueId) || (await readRecord(issueId))) return;
				await writeRecord({ issueId, state: 'skipped', skipReason: reason, createdAt: new Date(now()).toISOString(), queued: 0, delivered: 0, failed: 0, unsubscribed: 0 });
			}),

		hasBroadcast: async (issueId) => broadcasts.has(issueId) || (await readRecord(issueId)) !== undefined,

		claim(limit) {
			const time = now();
			for (const id of delayed.popDue(time)) ready.push(id);
			const taken: DeliveryJob[] = [];
			// Synchronous: no other claim can interleave while jobs move to `claimed`.
			while (taken.length < limit && ready.length > 0) {
				const id = ready.shift();
				const job = id === undefined ? undefined : jobs.get(id);
				if (!job || claimed.has(job.id)) continue;
				claimed.add(job.id);
				taken.push(job);
			}
			return Promise.resolve(taken);
		},

		async complete(jobId, outcome: FinalJobState, error) {
			const { job, open } = claimedJob(jobId);
			await writeJob({ ...job, state: outcome, ...(error ? { lastError: error } : {}), updatedAt: new Date(now()).toISOString() });
			claimed.delete(jobId);
			jobs.delete(jobId);
			open.record = { ...open.record, [outcome]: open.record[outcome] + 1 };
			const done = open.record.delivered + open.record.failed + open.record.unsubscribed;
			if (done >= open.nextLogAt && done < open.record.queued) {
				open.nextLogAt = done + open.logEvery;
				log?.info(counts(open.record), 'broadcast progress');
			}
			await open.persist();
			await finishIfDone(open);
		},

		async retry(jobId, at, cause: RetryCause, error) {
			const { job } = claimedJob(jobId);
			const next: DeliveryJob = {
				...job,
				state: 'queued',
				notBefore: at,
				failures: job.failures + (cause === 'transient' ? 1 : 0),
				rateLimited: job.rateLimited + (cause === 'rate-limited' ? 1 : 0),
				...(error ? { lastError: error } : {}),
				updatedAt: new Date(now()).toISOString(),
			};
			await writeJob(next);
			claimed.delete(jobId);
			schedule(next);
		},

		release(jobId, at) {
			const { job } = claimedJob(jobId);
			claimed.delete(jobId);
			schedule({ ...job, notBefore: at });
		},

		async stats(issueId) {
			const id = issueId ?? latestIssueId;
			if (id === undefined) return undefined;
			const record = broadcasts.get(id)?.record ?? (await readRecord(id));
			return record ? toStats(record) : undefined;
		},

		nextDueAt() {
			for (const id of ready) if (!claimed.has(id)) return now();
			return delayed.peek();
		},
	};
}
