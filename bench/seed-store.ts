import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { subscriptionIdOf, type Subscription } from '../src/subscriptions/subscription.js';
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
	const ids: string[] = [];
	const batch: { key: string; value: Subscription }[] = [];
	for (let n = 0; n < subscribers; n += 1) {
		const target = { platform: 'telegram' as const, chatId: String(1_000_000 + n) };
		const id = subscriptionIdOf(target);
		ids.push(id);
		batch.push({ key: `subscription:${id}`, value: { ...target, id, kind: 'private', format: 'top', createdBy: target.chatId, createdAt: new Date().toISOString(), status: 'active' } });
		if (batch.length === 1000) await keyv.setMany(batch.splice(0));
	}
	if (batch.length > 0) await keyv.setMany(batch);
	await keyv.set('subscriptions:active', ids);
	await keyv.disconnect();
}
