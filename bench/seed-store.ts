import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { createKeyv } from '../src/store/create-keyv.js';
import type { Keyv } from 'keyv';
import { subscriptionIdOf, type NewSubscription, type Subscription } from '../src/subscriptions/subscription.js';
import { generatedIssue } from './generated-archive.js';

/**
 * Writes `issues` issues and `subscribers` active subscriptions straight into a SQLite store,
 * in the store's own key layout, with bulk writes: subscribing 100,000 chats one command at a
 * time would take the benchmark longer than the measurement.
 */
export async function seedStore(dataDir: string, issues: number, subscribers: number): Promise<void> {
	const keyv = await createKeyv({ dataDir });
	const store = createKeyvIssueStore(keyv);
	for (let n = 0; n < issues; n += 1) {
		const text = generatedIssue(n);
		await store.put({ issue: parseIssue(text).issue, hash: String(n), file: `issue-${n}.md`, ingestedAt: new Date().toISOString() });
	}
	const now = new Date().toISOString();
	await seedSubscriptions(
		keyv,
		Array.from({ length: subscribers }, (_, n) => ({ platform: 'telegram' as const, chatId: String(1_000_000 + n), kind: 'private' as const, format: 'top' as const, createdBy: String(1_000_000 + n) })),
		now,
	);
	await keyv.disconnect();
}

/**
 * Writes active subscriptions in the store's own key layout with bulk writes and one write of
 * the active index (the store keeps it under one key, so subscribing one at a time rewrites the
 * whole list each time). Returns their ids in order.
 */
export async function seedSubscriptions(keyv: Keyv, subscriptions: readonly NewSubscription[], createdAt = new Date().toISOString()): Promise<string[]> {
	const ids: string[] = [];
	const batch: { key: string; value: Subscription }[] = [];
	for (const input of subscriptions) {
		const id = subscriptionIdOf(input);
		ids.push(id);
		batch.push({ key: `subscription:${id}`, value: { ...input, sections: input.sections ? [...input.sections] : undefined, format: input.format ?? 'top', id, createdAt, status: 'active' } });
		if (batch.length === 1000) await keyv.setMany(batch.splice(0));
	}
	if (batch.length > 0) await keyv.setMany(batch);
	await keyv.set('subscriptions:active', ids);
	return ids;
}
