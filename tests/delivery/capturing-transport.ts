import type { Block } from '../../src/content/block.js';
import type { Delivery, DeliveryTransport } from '../../src/delivery/delivery-transport.js';

export interface CapturedSend {
	readonly subscriptionId: string;
	readonly chatId: string;
	readonly jobId: string;
	readonly format: string;
	readonly blocks: readonly Block[];
}

export interface CapturingTransport extends DeliveryTransport<readonly Block[]> {
	/** Posts the platform accepted, in order. */
	readonly sent: CapturedSend[];
	/** Every call, accepted or not. */
	readonly calls: string[];
	/** Most sends that were running at the same moment for one job id (must stay 1). */
	readonly maxConcurrentPerJob: () => number;
}

export interface CapturingOptions {
	/** Decides per call (0-based, across all chats) whether the send throws, and what. */
	readonly fail?: (delivery: Delivery, call: number) => Error | undefined;
	/** Called before the send is recorded; lets a test act in the middle of a broadcast. */
	readonly beforeSend?: (delivery: Delivery, call: number) => Promise<void> | void;
}

/** A fake platform in process: records what would have been posted, fails when told to. */
export function createCapturingTransport(options: CapturingOptions = {}): CapturingTransport {
	const sent: CapturedSend[] = [];
	const calls: string[] = [];
	const running = new Map<string, number>();
	let maxConcurrent = 0;
	let count = 0;
	return {
		sent,
		calls,
		maxConcurrentPerJob: () => maxConcurrent,
		// The whole content as one part: this fake records posts, not how a platform splits them.
		render: (_delivery, content) => [{ digest: 'content', payload: content }],
		async sendPart(delivery, _chatId, content) {
			const call = count++;
			calls.push(delivery.subscription.id);
			const now = (running.get(delivery.jobId) ?? 0) + 1;
			running.set(delivery.jobId, now);
			maxConcurrent = Math.max(maxConcurrent, now);
			try {
				await options.beforeSend?.(delivery, call);
				await new Promise((resolve) => setImmediate(resolve));
				const error = options.fail?.(delivery, call);
				if (error) throw error;
				sent.push({ subscriptionId: delivery.subscription.id, chatId: delivery.subscription.chatId, jobId: delivery.jobId, format: delivery.subscription.format, blocks: content });
			} finally {
				running.set(delivery.jobId, (running.get(delivery.jobId) ?? 1) - 1);
			}
			return { id: String(call) };
		},
	};
}
