import type { Chat } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramDeliveryTransport } from '../../../adapters/telegram/telegram-delivery-transport.js';
import { FakeTelegramBotApi, fakeToken } from '../../fakes/telegram-bot-api.js';
import { deliveryTo as delivery, failureOf, fullIssue, shortPost } from './telegram-delivery-fixture.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';

let fake: FakeTelegramBotApi;

beforeEach(async () => {
	fake = await FakeTelegramBotApi.start();
});

afterEach(async () => {
	await fake.close();
});

describe('when a whole issue is posted to a forum topic', () => {
	it('then it arrives as several messages of at most 4096 characters, in order, in that topic, paced between parts', async () => {
		const chat = { id: -1001, type: 'supergroup', title: 'Forum', is_forum: true } as Chat;
		fake.addChat(chat, [9]);
		let paced = 0;
		const transport = createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot });
		await sendPost(transport, delivery(chat, { threadId: 9, paced: () => (paced += 1) }), await fullIssue());
		const sent = fake.callsTo('sendMessage').filter((call) => call.ok);
		expect(sent.length).toBeGreaterThan(2);
		expect(paced).toBe(sent.length - 1);
		expect(sent.every((call) => String(call.params.text).length <= 4096 && call.params.message_thread_id === 9)).toBe(true);
		const text = sent.map((call) => String(call.params.text)).join('\n');
		expect(text.startsWith('Qwen 3.5 small models go multimodal-on-edge')).toBe(true);
		expect(text.indexOf('1. Qwen 3.5 “small” models')).toBeLessThan(text.indexOf('34. BullshitBench v2'));
	});
});

describe('when Telegram refuses a post', () => {
	const chat = { id: -2002, type: 'supergroup', title: 'Group' } as Chat;

	it('then a 429 is a rate-limited failure carrying retry_after', async () => {
		fake.addChat(chat);
		fake.inject('sendMessage', { status: 429, retryAfter: 7, description: 'Too Many Requests: retry after 7' });
		const transport = createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot });
		const error = await failureOf(() => sendPost(transport, delivery(chat), shortPost));
		expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
	});

	it('then a blocked or kicked bot is gone, a 502 is transient, and the token never appears in the error', async () => {
		fake.addChat(chat);
		const transport = createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot });
		const post = () => sendPost(transport, delivery(chat), shortPost);
		fake.inject('sendMessage', { status: 502, description: 'Bad Gateway' });
		expect(await failureOf(post)).toMatchObject({ kind: 'transient' });
		fake.blockChat(chat.id);
		const gone = await failureOf(post);
		expect(gone).toMatchObject({ kind: 'gone', goneReason: 'access-lost' });
		expect(`${gone.message} ${String(gone.description)}`).not.toContain(fakeToken);
	});

	it('then a later part that meets a 429 waits it out instead of reposting the first part', async () => {
		const forum = { id: -3003, type: 'supergroup', title: 'Forum' } as Chat;
		fake.addChat(forum);
		const transport = createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot });
		const blocks = await fullIssue();
		// The first part goes through; the second meets a 429 once.
		fake.inject('sendMessage', { delayMs: 1 }, { status: 429, retryAfter: 1, description: 'Too Many Requests: retry after 1' });
		await sendPost(transport, delivery(forum), blocks);
		const texts = fake.callsTo('sendMessage').filter((call) => call.ok).map((call) => String(call.params.text));
		expect(texts.filter((text) => text.startsWith('Qwen 3.5 small models go multimodal-on-edge'))).toHaveLength(1);
	});
});

describe('when paid broadcasts are enabled', () => {
	it('then every part of a post carries allow_paid_broadcast, and without the setting none does', async () => {
		const chat = { id: -3003, type: 'supergroup', title: 'Paid' } as Chat;
		fake.addChat(chat);
		await sendPost(createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot, paidBroadcast: true }), delivery(chat), await fullIssue());
		const paid = fake.callsTo('sendMessage').filter((call) => call.ok);
		expect(paid.length).toBeGreaterThan(1);
		expect(paid.every((call) => call.params.allow_paid_broadcast === true)).toBe(true);
		await sendPost(createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot }), delivery(chat), shortPost);
		expect(fake.callsTo('sendMessage').at(-1)?.params.allow_paid_broadcast).toBeUndefined();
	});
});
