import { describe, expect, it } from 'vitest';
import type { Delivery, DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import { retryPartInPlace, sendPost } from '../../src/delivery/post-sequence.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import type { Subscription } from '../../src/subscriptions/subscription.js';

const policy = { maxAttempts: 3, backoffBaseMs: 2, maxRetryAfterMs: 50 };

/** A send that fails with the given errors in turn, then succeeds; counts its calls. */
function failing(...errors: DeliveryError[]) {
	let calls = 0;
	return {
		calls: () => calls,
		send: async () => {
			calls += 1;
			const error = errors.shift();
			if (error) throw error;
			return 'sent';
		},
	};
}

describe('when a later part of a post fails', () => {
	it('then a 429 within the longest wait is waited out and the part sent, however often', async () => {
		const part = failing(...Array.from({ length: 5 }, () => new DeliveryError('rate-limited', { platform: 'telegram', retryAfterMs: 3 })));
		await expect(retryPartInPlace(part.send, policy)).resolves.toBe('sent');
		expect(part.calls()).toBe(6);
	});

	it('then a 429 longer than the longest wait, a permanent failure or too many transient ones end the post with the error as raised', async () => {
		const long = new DeliveryError('rate-limited', { platform: 'telegram', retryAfterMs: 5_000 });
		await expect(retryPartInPlace(failing(long).send, policy)).rejects.toBe(long);
		const permanent = new DeliveryError('permanent', { platform: 'telegram' });
		await expect(retryPartInPlace(failing(permanent).send, policy)).rejects.toBe(permanent);
		const transient = () => new DeliveryError('transient', { platform: 'telegram' });
		const flaky = failing(transient(), transient(), transient(), transient());
		await expect(retryPartInPlace(flaky.send, policy)).rejects.toMatchObject({ kind: 'transient' });
		expect(flaky.calls()).toBe(3);
	});
});

const subscription: Subscription = { id: 'telegram:-7', platform: 'telegram', chatId: '-7', kind: 'group', format: 'full', createdBy: 'admin', createdAt: '2026-03-03T00:00:00.000Z', status: 'active' };

/** A platform in memory whose content is a list of words, one message each; `failures` says what a send to a word throws, in turn. */
function wordsTransport(failures: Record<string, DeliveryError[]> = {}, movesAt?: { word: string; to: string }) {
	const log: string[] = [];
	const transport: DeliveryTransport<string> = {
		render: (_delivery, content) => content.map((block) => (block.type === 'paragraph' ? block.spans.map((span) => span.text).join('') : '')).map((word) => ({ digest: `d-${word}`, payload: word })),
		async sendPart(_delivery, chatId, word, continuation) {
			log.push(`${continuation ? 'more' : 'first'} ${word} → ${chatId}`);
			const error = failures[word]?.shift();
			if (error) throw error;
			if (movesAt?.word === word) return { id: `${movesAt.to}/${word}`, movedTo: movesAt.to };
			return { id: `${chatId}/${word}` };
		},
	};
	return { transport, log };
}

const words = (...list: string[]) => list.map((text) => ({ type: 'paragraph' as const, spans: [{ text }] }));

function deliveryCounting(): Delivery & { paces: number } {
	const delivery = { jobId: 'job', issueId: '2026-03-03', subscription, attempt: 1, paces: 0, pace: async () => void (delivery.paces += 1) };
	return delivery;
}

describe('when a post of several parts is sent', () => {
	it('then the parts go in order, each after the first paced, and each message id is kept with its part’s digest', async () => {
		const { transport, log } = wordsTransport();
		const delivery = deliveryCounting();
		const sent = await sendPost(transport, delivery, words('a', 'b', 'c'), policy);
		expect(log).toEqual(['first a → -7', 'more b → -7', 'more c → -7']);
		expect(delivery.paces).toBe(2);
		expect(sent).toEqual({ chatId: '-7', messages: [{ id: '-7/a', digest: 'd-a' }, { id: '-7/b', digest: 'd-b' }, { id: '-7/c', digest: 'd-c' }] });
	});

	it('then a failing first part is handed back untried: one call, nothing paced', async () => {
		const { transport, log } = wordsTransport({ a: [new DeliveryError('transient', { platform: 'telegram' })] });
		const delivery = deliveryCounting();
		await expect(sendPost(transport, delivery, words('a', 'b'), policy)).rejects.toMatchObject({ kind: 'transient' });
		expect(log).toEqual(['first a → -7']);
		expect(delivery.paces).toBe(0);
	});

	it('then a later part that fails once is retried alone and the first is not repeated', async () => {
		const { transport, log } = wordsTransport({ b: [new DeliveryError('transient', { platform: 'telegram' })] });
		const sent = await sendPost(transport, deliveryCounting(), words('a', 'b', 'c'), policy);
		expect(log).toEqual(['first a → -7', 'more b → -7', 'more b → -7', 'more c → -7']);
		expect(sent?.messages.map((message) => message.id)).toEqual(['-7/a', '-7/b', '-7/c']);
	});

	it('then when the chat moved under the first part, the later parts follow it and the post records where it went', async () => {
		const { transport, log } = wordsTransport({}, { word: 'a', to: '-1007' });
		const sent = await sendPost(transport, deliveryCounting(), words('a', 'b'), policy);
		expect(log).toEqual(['first a → -7', 'more b → -1007']);
		expect(sent).toMatchObject({ chatId: '-1007', messages: [{ id: '-1007/a' }, { id: '-1007/b' }] });
	});

	it('then content that renders to no part posts nothing', async () => {
		const { transport, log } = wordsTransport();
		expect(await sendPost(transport, deliveryCounting(), [], policy)).toBeUndefined();
		expect(log).toEqual([]);
	});
});

describe('when the platform takes a part in an older form', () => {
	/** Words, one message each, except that `older` goes out as the messages given (a refused newer kind sent the old way). */
	function olderFormTransport(older: string, coversRest: boolean) {
		const log: string[] = [];
		const transport: DeliveryTransport<string> = {
			render: (_delivery, content) => content.map((block) => (block.type === 'paragraph' ? block.spans.map((span) => span.text).join('') : '')).map((word) => ({ digest: `rich-${word}`, payload: word })),
			async sendPart(_delivery, chatId, word) {
				log.push(word);
				if (word !== older) return { id: `${chatId}/${word}` };
				const messages = [1, 2].map((n) => ({ id: `${chatId}/${word}.${n}`, digest: `text-${word}.${n}` }));
				return { id: messages[0]!.id, sentAs: { messages, coversRest } };
			},
		};
		return { transport, log };
	}

	it('then the post records the messages it became, and sends no later part when they carried the rest', async () => {
		const { transport, log } = olderFormTransport('b', true);
		const sent = await sendPost(transport, deliveryCounting(), words('a', 'b', 'c'), policy);
		expect(log).toEqual(['a', 'b']);
		expect(sent?.messages).toEqual([
			{ id: '-7/a', digest: 'rich-a' },
			{ id: '-7/b.1', digest: 'text-b.1' },
			{ id: '-7/b.2', digest: 'text-b.2' },
		]);
	});

	it('then the later parts still go when the older form carried only that part', async () => {
		const { transport, log } = olderFormTransport('b', false);
		const sent = await sendPost(transport, deliveryCounting(), words('a', 'b', 'c'), policy);
		expect(log).toEqual(['a', 'b', 'c']);
		expect(sent?.messages.map((message) => message.digest)).toEqual(['rich-a', 'text-b.1', 'text-b.2', 'rich-c']);
	});
});
