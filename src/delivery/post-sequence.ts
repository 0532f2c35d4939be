import type { Block } from '../content/block.js';
import type { Delivery, DeliveryTransport, PostedMessage, SentPart, SentPost } from './delivery-transport.js';
import { decideRetry, defaultPartRetryPolicy, jobPolicyOf, type PartRetryPolicy } from './retry-policy.js';

/**
 * The one sequence of a post, whatever the platform: the transport renders the content into
 * parts, and this sends them in order, paces each part after the first (the worker reserved the
 * first already), retries a later part in place by {@link PartRetryPolicy}, follows a chat that
 * moved while the post was made, and keeps each message's id with its part's digest so a
 * correction can edit it later. A part the platform took in an older form counts as the
 * messages it became, and ends the post when that form carried the rest of it. A failure of the
 * first part is thrown at once: nothing was posted yet, so the worker's policy retries the
 * whole job. Resolves with nothing when the content rendered to no part at all.
 */
export async function sendPost(transport: DeliveryTransport, delivery: Delivery, content: readonly Block[], policy: PartRetryPolicy = defaultPartRetryPolicy): Promise<SentPost | undefined> {
	const parts = transport.render(delivery, content);
	if (parts.length === 0) return undefined;
	let chatId = delivery.subscription.chatId;
	const messages: PostedMessage[] = [];
	for (const [index, part] of parts.entries()) {
		let sent: SentPart;
		if (index === 0) sent = await transport.sendPart(delivery, chatId, part.payload, false);
		else {
			await delivery.pace();
			sent = await retryPartInPlace(() => transport.sendPart(delivery, chatId, part.payload, true), policy);
		}
		if (sent.movedTo !== undefined) chatId = sent.movedTo;
		if (!sent.sentAs) {
			messages.push({ id: sent.id, digest: part.digest });
			continue;
		}
		// The part went out in an older form (see SentPart.sentAs): keep what was really posted.
		messages.push(...sent.sentAs.messages);
		if (sent.sentAs.coversRest) break;
	}
	return { chatId, messages };
}

/**
 * Sends a later part of a post, retried by the rule the worker applies to whole posts
 * ({@link decideRetry}): a 429 waits its `retry_after` (up to `maxRetryAfterMs`), a transient
 * failure backs off, anything else ends the post at once. The error that ends it is rethrown as
 * the transport raised it.
 */
export async function retryPartInPlace<T>(send: () => Promise<T>, policy: PartRetryPolicy = defaultPartRetryPolicy): Promise<T> {
	const options = jobPolicyOf(policy);
	const counts = { failures: 0, rateLimited: 0 };
	for (;;) {
		try {
			return await send();
		} catch (error) {
			const decision = decideRetry(error, counts, options);
			if (decision.action !== 'retry' || (decision.cause === 'rate-limited' && decision.delayMs > policy.maxRetryAfterMs)) throw error;
			if (decision.cause === 'transient') counts.failures += 1;
			else counts.rateLimited += 1;
			await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
		}
	}
}
