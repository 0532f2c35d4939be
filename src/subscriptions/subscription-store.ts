import type { Keyv } from 'keyv';
import { callStore } from '../errors/store-error.js';
import { createSerialLock } from '../sync/serial-lock.js';
import { deliverAtSchema, subscriptionIdOf, subscriptionSchema, type DeliverAt, type EndReason, type NewSubscription, type Subscription, type SubscriptionFormat, type SubscriptionTarget } from './subscription.js';

/** Which subscriptions `/subscriptions` shows: one chat (all its topics) or a whole community (a Discord server). */
export interface SubscriptionFilter {
	readonly platform: SubscriptionTarget['platform'];
	readonly chatId?: string;
	readonly communityId?: string;
}

/** Who gets new issues. Commands write it; the broadcast planner reads the active ids. */
export interface SubscriptionStore {
	/** Idempotent per target: subscribing an already subscribed target returns it unchanged with `created: false`. */
	subscribe(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }>;
	/** Ends the target's subscription (to a publication: a slug, `*`, absent for the default) with reason `unsubscribed`; undefined when it had none. */
	unsubscribe(target: SubscriptionTarget, publication?: string): Promise<Subscription | undefined>;
	get(id: string): Promise<Subscription | undefined>;
	/** Several at once, in the order of `ids` (undefined where none): one store round trip per delivery batch. */
	getMany(ids: readonly string[]): Promise<(Subscription | undefined)[]>;
	getByTarget(target: SubscriptionTarget, publication?: string): Promise<Subscription | undefined>;
	/** Active subscriptions of a chat or server, oldest first. */
	listFor(filter: SubscriptionFilter): Promise<Subscription[]>;
	/** Ids of every active subscription, in the order they subscribed: the broadcast snapshot. */
	activeIds(): Promise<string[]>;
	/** Changes the format, section filter, time of day (`deliverAt: null` is "at once") or the posts' language (`/settings`); undefined when not subscribed. */
	update(id: string, changes: { readonly format?: SubscriptionFormat; readonly sections?: readonly string[]; readonly deliverAt?: DeliverAt | null; readonly locale?: string; readonly sectionTags?: boolean }): Promise<Subscription | undefined>;
	/** The subscriptions that chose a time of day, by id: what the broadcast planner schedules (may include ended ones). */
	deliveryTimes(): Promise<ReadonlyMap<string, DeliverAt>>;
	/** A Telegram group became a supergroup: every subscription of the old chat moves to the new id. */
	migrate(platform: SubscriptionTarget['platform'], fromChatId: string, toChatId: string): Promise<Subscription[]>;
	/** Ends a subscription with a recorded reason (blocked, kicked, channel deleted …). */
	end(id: string, reason: EndReason): Promise<Subscription | undefined>;
}

const activeIndexKey = 'subscriptions:active';
/**
 * Every subscription's chosen time of day under one key, so planning a broadcast reads one value
 * instead of every subscriber's record. Written before the record (as the active index is), so
 * after a crash in between delivery follows the newer choice.
 */
const deliveryTimesKey = 'subscriptions:delivery-times';
const subscriptionKey = (id: string): string => `subscription:${id}`;

/**
 * Subscriptions on keyv. keyv's SQLite iterator pages with OFFSET and skips rows deleted while it
 * runs, so the store never iterates: it keeps its own index of active ids under one key, changed
 * only inside a lock. Invariant: the index is a superset of the active records. Subscribing adds
 * to the index before writing the record and ending writes the record before leaving the index,
 * so a crash in between leaves at most an extra id, which delivery skips because its record is
 * not active, and never an active subscriber nobody would post to.
 */
export function createKeyvSubscriptionStore(keyv: Keyv, now: () => Date = () => new Date()): SubscriptionStore {
	const lock = createSerialLock();
	const call = callStore;
	const read = async (id: string): Promise<Subscription | undefined> => {
		const value: unknown = await call('get', subscriptionKey(id), () => keyv.get(subscriptionKey(id)));
		const parsed = subscriptionSchema.safeParse(value);
		return parsed.success ? parsed.data : undefined;
	};
	const write = (subscription: Subscription): Promise<unknown> => call('set', subscriptionKey(subscription.id), () => keyv.set(subscriptionKey(subscription.id), subscription));
	const readIndex = async (): Promise<string[]> => {
		const ids: unknown = await call('get', activeIndexKey, () => keyv.get(activeIndexKey));
		return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
	};
	const writeIndex = (ids: readonly string[]): Promise<unknown> => call('set', activeIndexKey, () => keyv.set(activeIndexKey, ids));
	const addToIndex = async (id: string): Promise<void> => {
		const ids = await readIndex();
		if (!ids.includes(id)) await writeIndex([...ids, id]);
	};
	const removeFromIndex = async (id: string): Promise<void> => {
		const ids = await readIndex();
		if (ids.includes(id)) await writeIndex(ids.filter((candidate) => candidate !== id));
	};
	const readTimes = async (): Promise<Map<string, DeliverAt>> => {
		const value: unknown = await call('get', deliveryTimesKey, () => keyv.get(deliveryTimesKey));
		const times = new Map<string, DeliverAt>();
		if (value && typeof value === 'object') {
			for (const [id, entry] of Object.entries(value)) {
				const parsed = deliverAtSchema.safeParse(entry);
				if (parsed.success) times.set(id, parsed.data);
			}
		}
		return times;
	};
	const setTime = async (id: string, deliverAt: DeliverAt | undefined): Promise<void> => {
		const times = await readTimes();
		const current = times.get(id);
		if (current?.time === deliverAt?.time && current?.zone === deliverAt?.zone) return;
		if (deliverAt) times.set(id, deliverAt);
		else times.delete(id);
		await call('set', deliveryTimesKey, () => keyv.set(deliveryTimesKey, Object.fromEntries(times)));
	};
	const endUnlocked = async (id: string, reason: EndReason, movedTo?: string): Promise<Subscription | undefined> => {
		const existing = await read(id);
		if (!existing || existing.status !== 'active') return undefined;
		const ended: Subscription = { ...existing, status: 'ended', endedAt: now().toISOString(), endReason: reason, ...(movedTo ? { movedTo } : {}) };
		await write(ended);
		await removeFromIndex(id);
		return ended;
	};
	const subscribeUnlocked = async (input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }> => {
		const id = subscriptionIdOf(input, input.publication);
		await addToIndex(id);
		const existing = await read(id);
		if (existing?.status === 'active') return { subscription: existing, created: false };
		const subscription: Subscription = {
			id,
			platform: input.platform,
			chatId: input.chatId,
			...(input.threadId ? { threadId: input.threadId } : {}),
			kind: input.kind,
			...(input.communityId ? { communityId: input.communityId } : {}),
			format: input.format ?? 'headlines',
			...(input.sections && input.sections.length > 0 ? { sections: [...input.sections] } : {}),
			createdBy: input.createdBy,
			createdAt: now().toISOString(),
			status: 'active',
			...(input.locale ? { locale: input.locale } : {}),
			...(input.publication ? { publication: input.publication } : {}),
		};
		// A new subscription starts "at once", whatever an earlier one of this target chose.
		await setTime(id, undefined);
		await write(subscription);
		return { subscription, created: true };
	};
	const readMany = async (ids: readonly string[]): Promise<(Subscription | undefined)[]> => {
		if (ids.length === 0) return [];
		const values: unknown[] = await call('getMany', subscriptionKey(ids[0]!), () => keyv.getMany(ids.map(subscriptionKey)));
		return values.map((value) => {
			const parsed = subscriptionSchema.safeParse(value);
			return parsed.success ? parsed.data : undefined;
		});
	};
	const listActive = async (): Promise<Subscription[]> => (await readMany(await readIndex())).filter((subscription): subscription is Subscription => subscription?.status === 'active');

	return {
		subscribe: (input) => lock.run(() => subscribeUnlocked(input)),
		unsubscribe: (target, publication) => lock.run(() => endUnlocked(subscriptionIdOf(target, publication), 'unsubscribed')),
		get: read,
		getMany: readMany,
		getByTarget: async (target, publication) => {
			const found = await read(subscriptionIdOf(target, publication));
			return found?.status === 'active' ? found : undefined;
		},
		async listFor(filter) {
			const active = await listActive();
			return active.filter(
				(subscription) =>
					subscription.platform === filter.platform &&
					(filter.chatId === undefined || subscription.chatId === filter.chatId) &&
					(filter.communityId === undefined || subscription.communityId === filter.communityId),
			);
		},
		activeIds: () => lock.run(readIndex),
		update: (id, changes) =>
			lock.run(async () => {
				const existing = await read(id);
				if (existing?.status !== 'active') return undefined;
				const { sections: _previous, deliverAt: _before, ...rest } = existing;
				const sections = changes.sections ?? existing.sections;
				const deliverAt = changes.deliverAt === undefined ? existing.deliverAt : (changes.deliverAt ?? undefined);
				const updated: Subscription = {
					...rest,
					format: changes.format ?? existing.format,
					...(sections && sections.length > 0 ? { sections: [...sections] } : {}),
					...(deliverAt ? { deliverAt } : {}),
					...(changes.locale ? { locale: changes.locale } : {}),
					...(changes.sectionTags !== undefined ? { sectionTags: changes.sectionTags } : {}),
				};
				await setTime(id, deliverAt);
				await write(updated);
				return updated;
			}),
		migrate: (platform, fromChatId, toChatId) =>
			lock.run(async () => {
				const moved: Subscription[] = [];
				for (const old of (await listActive()).filter((candidate) => candidate.platform === platform && candidate.chatId === fromChatId)) {
					const { subscription } = await subscribeUnlocked({
						platform,
						chatId: toChatId,
						...(old.threadId ? { threadId: old.threadId } : {}),
						kind: old.kind,
						...(old.communityId ? { communityId: old.communityId } : {}),
						format: old.format,
						...(old.sections ? { sections: old.sections } : {}),
						createdBy: old.createdBy,
						...(old.locale ? { locale: old.locale } : {}),
						...(old.publication ? { publication: old.publication } : {}),
					});
					const kept: Subscription = old.deliverAt ? { ...subscription, deliverAt: old.deliverAt } : subscription;
					if (old.deliverAt) {
						await setTime(subscription.id, old.deliverAt);
						await write(kept);
					}
					await endUnlocked(old.id, 'migrated', subscription.id);
					moved.push(kept);
				}
				return moved;
			}),
		end: (id, reason) => lock.run(() => endUnlocked(id, reason)),
		deliveryTimes: () => lock.run(readTimes),
	};
}
