import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../../errors/store-error.js';
import { createSerialLock } from '../../sync/serial-lock.js';

/**
 * Which issues one post to a scheduled subscription carries. Every issue that waits for the same
 * delivery instant of a subscription (its "slot") joins that slot when it is planned, before its
 * job exists. The first of the slot's jobs to run settles the slot: it becomes the one that posts,
 * carrying every issue in the slot at that moment; the slot's other jobs then complete without
 * posting. Settling is create-once (a lock in one process, a script on Redis), so however the
 * jobs race, on one engine or across BullMQ workers, and however often a crash makes one run
 * again, the slot has one post and one list of issues. An issue that joins after the slot was
 * settled (planned in the very seconds of the slot) is not in the list and posts on its own.
 * A carried job completes only once the post is final: delivered when the platform accepted it,
 * or posting its own issue alone when the post failed for good, so no issue is counted delivered
 * that nobody received.
 */
export interface MergeSlots {
	/** Each subscription's slot gets the issue; called by the planner before the broadcast's jobs are created. */
	join(issueId: string, slots: ReadonlyMap<string, number>): Promise<void>;
	/** The slot's post: which issue's job posts and every issue it carries (the caller's included). */
	settle(subscriptionId: string, dueAt: number, issueId: string): Promise<SettledSlot>;
	/** The slot's post reached its final outcome. */
	finish(subscriptionId: string, dueAt: number, outcome: SlotOutcome): Promise<void>;
	/** The final outcome of the slot's post; undefined while it is being sent or waits for a retry. */
	outcome(subscriptionId: string, dueAt: number): Promise<SlotOutcome | undefined>;
}

export type SlotOutcome = 'delivered' | 'failed';

export function isSlotOutcome(value: unknown): value is SlotOutcome {
	return value === 'delivered' || value === 'failed';
}

export interface SettledSlot {
	readonly poster: string;
	readonly issues: readonly string[];
}

/** Slots are read within hours of their instant; three days covers a long outage. */
export const slotTtlMs = 3 * 24 * 3600_000;

const settledSchema = z.object({ poster: z.string(), issues: z.array(z.string()) });
const slotKey = (subscriptionId: string, dueAt: number): string => `delivery:slot:${subscriptionId}:${dueAt}`;
const settledKey = (subscriptionId: string, dueAt: number): string => `delivery:slot-post:${subscriptionId}:${dueAt}`;
const outcomeKey = (subscriptionId: string, dueAt: number): string => `delivery:slot-outcome:${subscriptionId}:${dueAt}`;

/** The embedded engine's slots on keyv; one process owns the store, so a lock makes settling create-once. */
export function createKeyvMergeSlots(keyv: Keyv): MergeSlots {
	const lock = createSerialLock();
	const readIssues = async (key: string): Promise<string[]> => {
		const value: unknown = await callStore('get', key, () => keyv.get(key));
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	};
	return {
		join: (issueId, slots) =>
			lock.run(async () => {
				const keys = [...slots].map(([subscriptionId, dueAt]) => slotKey(subscriptionId, dueAt));
				for (let start = 0; start < keys.length; start += 500) {
					const slice = keys.slice(start, start + 500);
					const values: unknown[] = await callStore('getMany', slice[0] ?? '', () => keyv.getMany(slice));
					const entries = slice.map((key, index) => {
						const value = values[index];
						const issues = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
						return { key, value: issues.includes(issueId) ? issues : [...issues, issueId], ttl: slotTtlMs };
					});
					await callStore('setMany', slice[0] ?? '', () => keyv.setMany(entries));
				}
			}),
		settle: (subscriptionId, dueAt, issueId) =>
			lock.run(async () => {
				const key = settledKey(subscriptionId, dueAt);
				const existing = settledSchema.safeParse(await callStore('get', key, () => keyv.get(key)));
				if (existing.success) return existing.data;
				const issues = await readIssues(slotKey(subscriptionId, dueAt));
				const settled: SettledSlot = { poster: issueId, issues: issues.includes(issueId) ? issues : [...issues, issueId] };
				await callStore('set', key, () => keyv.set(key, settled, slotTtlMs));
				return settled;
			}),
		async finish(subscriptionId, dueAt, outcome) {
			const key = outcomeKey(subscriptionId, dueAt);
			await callStore('set', key, () => keyv.set(key, outcome, slotTtlMs));
		},
		async outcome(subscriptionId, dueAt) {
			const key = outcomeKey(subscriptionId, dueAt);
			const value: unknown = await callStore('get', key, () => keyv.get(key));
			return isSlotOutcome(value) ? value : undefined;
		},
	};
}
