import type { Chat } from 'grammy/types';
import type { Block } from '../../../src/content/block.js';
import type { Delivery } from '../../../src/delivery/delivery-transport.js';
import { issueContent } from '../../../src/present/issue-content.js';
import { DeliveryError } from '../../../src/errors/delivery-error.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import { referenceArchive } from '../../helpers/archive-fixture.js';

/** A delivery of one post to `chat` (a topic with `threadId`), counting the pacing calls in `paced`. */
export function deliveryTo(chat: Chat, options: { threadId?: number; paced?: () => void } = {}): Delivery {
	const subscription: Subscription = {
		id: `telegram:${chat.id}`,
		platform: 'telegram',
		chatId: String(chat.id),
		...(options.threadId ? { threadId: String(options.threadId) } : {}),
		kind: chat.type === 'private' ? 'private' : chat.type === 'channel' ? 'channel' : 'group',
		format: 'full',
		createdBy: 'admin',
		createdAt: new Date().toISOString(),
		status: 'active',
	};
	return { jobId: 'job-1', issueId: '2026-03-03', subscription, attempt: 1, pace: async () => options.paced?.() };
}

/** The reference issue (34 stories) in the `full` format: far more than one Telegram message. */
export async function fullIssue(): Promise<Block[]> {
	const archive = await referenceArchive();
	return issueContent(archive.latest()!, 'full');
}

export const shortPost: Block[] = [{ type: 'paragraph', spans: [{ text: 'hello' }] }];

/** The DeliveryError a send threw; fails the test when it succeeded or threw something else. */
export async function failureOf(run: () => Promise<unknown>): Promise<DeliveryError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof DeliveryError) return error;
		throw error;
	}
	throw new Error('the send succeeded');
}
