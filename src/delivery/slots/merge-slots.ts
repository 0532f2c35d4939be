import type { Keyv } from 'keyv';
import { z } from 'zod';
import { callStore } from '../../errors/store-error.js';
import { createSerialLock } from '../../sync/serial-lock.js';
import { decodeSlotEntry, encodeSlotEntry, slotTargetOf, type SlotEntry } from './slot-entry.js';

/**
 * Which issues one post to a chat at a chosen hour carries. Every issue that waits for the same
 * delivery instant of a chat target (its "slot") joins that slot when it is planned, before its
 * job exists, together with the subscription it was planned for: a chat that follows two
 * publications at the same hour has two subscriptions and one slot, so it gets one post. The
 * first of the slot's jobs to run settles the slot: it becomes the one that posts, carrying every
 * issue in the slot at that moment (each rendered in its own subscription's format); the slot's
 * other jobs then complete without posting. Settling is create-once (a lock in one process, a
 * script on Redis), so however the jobs race, on one engine or across BullMQ workers, and however
 * often a crash makes one run again, the slot has one post and one list of issues. An issue that
 * joins after the slot was settled (planned in the very seconds of the slot) is not in the list
 * and posts on its own. A carried job completes only once the post is final: delivered when the
 * platform accepted it, or posting its own issue alone when the post failed for good, so no issue
 * is counted delivered that nobody received.
 *
 * Upgrading from slots keyed by subscription: a default-publication subscription's id is its
 * target, so its old slot has the same key and its bare issue ids read as that subscription's
 * entries (see slot-entry.ts): a carried job still finds the post that carried it. A `~slug`
 * subscription's old slot is no longer read; its job finds no entry of its own and posts alone,
 * so nothing is lost. Slots live three days at most, so nothing else of the old layout remains.
 */
export interface MergeSlots {
	/** The slot of each subscription's chat at its due instant gets the issue, for that subscription; called by the planner before the broadcast's jobs are created. */
	join(issueId: string, slots: ReadonlyMap<string, number>): Promise<void>;
	/** The post of the subscription's chat at `dueAt`: which job posts and every entry it carries (the caller's included). */
	settle(subscriptionId: string, dueAt: number, issueId: string): Promise<SettledSlot>;
	/** The post of the subscription's chat at `dueAt` reached its final outcome. */
	finish(subscriptionId: string, dueAt: number, outcome: SlotOutcome): Promise<void>;
	/** The final outcome of the post of the subscription's chat at `dueAt`; undefined while it is being sent or waits for a retry. */
	outcome(subscriptionId: string, dueAt: number): Promise<SlotOutcome | undefined>;
}

export type SlotOutcome = 'delivered' | 'failed';

export function isSlotOutcome(value: unknown): value is SlotOutcome {
	return value === 'delivered' || value === 'failed';
}

export interface SettledSlot {
	/** The job that posts: its issue and subscription. */
	readonly poster: SlotEntry;
	/** Everything the post carries, the poster's entry included. */
	readonly entries: readonly SlotEntry[];
}

/** Slots are read within hours of their instant; three days covers a long outage. */
export const slotTtlMs = 3 * 24 * 3600_000;

/** A settled post as both engines store it: members encoded by slot-entry.ts (the field names predate entries). */
export const settledSchema = z.object({ poster: z.string(), issues: z.array(z.string()) });

// Keyed by the chat target; the names are those of the slots keyed by subscription, see above.
const slotKey = (subscriptionId: string, dueAt: number): string => `delivery:slot:${slotTargetOf(subscriptionId)}:${dueAt}`;
const settledKey = (subscriptionId: string, dueAt: number): string => `delivery:slot-post:${slotTargetOf(subscriptionId)}:${dueAt}`;
const outcomeKey = (subscriptionId: string, dueAt: number): string => `delivery:slot-outcome:${slotTargetOf(subscriptionId)}:${dueAt}`;

/** A settled post as stored (members as slot-entry.ts encodes them), read for the slot of `target`. */
export function readSettled(stored: z.infer<typeof settledSchema>, target: string): SettledSlot {
	return { poster: decodeSlotEntry(stored.poster, target), entries: stored.issues.map((member) => decodeSlotEntry(member, target)) };
}

/** The embedded engine's slots on keyv; one process owns the store, so a lock makes settling create-once. */
export function createKeyvMergeSlots(keyv: Keyv): MergeSlots {
	const lock = createSerialLock();
	const readMembers = async (key: string): Promise<string[]> => {
		const value: unknown = await callStore('get', key, () => keyv.get(key));
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	};
	return {
		join: (issueId, slots) =>
			lock.run(async () => {
				// Two subscriptions of one chat share a key: gather each key's members first, so neither write loses the other's.
				const members = new Map<string, string[]>();
				for (const [subscriptionId, dueAt] of slots) {
					const key = slotKey(subscriptionId, dueAt);
					members.set(key, [...(members.get(key) ?? []), encodeSlotEntry({ issueId, subscriptionId })]);
				}
				const keys = [...members.keys()];
				for (let start = 0; start < keys.length; start += 500) {
					const slice = keys.slice(start, start + 500);
					const values: unknown[] = await callStore('getMany', slice[0] ?? '', () => keyv.getMany(slice));
					const entries = slice.map((key, index) => {
						const value = values[index];
						const stored = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
						const added = (members.get(key) ?? []).filter((member) => !stored.includes(member));
						return { key, value: [...stored, ...added], ttl: slotTtlMs };
					});
					await callStore('setMany', slice[0] ?? '', () => keyv.setMany(entries));
				}
			}),
		settle: (subscriptionId, dueAt, issueId) =>
			lock.run(async () => {
				const key = settledKey(subscriptionId, dueAt);
				const target = slotTargetOf(subscriptionId);
				const existing = settledSchema.safeParse(await callStore('get', key, () => keyv.get(key)));
				if (existing.success) return readSettled(existing.data, target);
				const own = encodeSlotEntry({ issueId, subscriptionId });
				const members = await readMembers(slotKey(subscriptionId, dueAt));
				const stored = { poster: own, issues: members.includes(own) ? members : [...members, own] };
				await callStore('set', key, () => keyv.set(key, stored, slotTtlMs));
				return readSettled(stored, target);
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
