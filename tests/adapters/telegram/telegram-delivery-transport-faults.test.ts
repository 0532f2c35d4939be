import type { Chat } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramDeliveryTransport } from '../../../adapters/telegram/telegram-delivery-transport.js';
import { FakeTelegramBotApi, fakeToken } from '../../fakes/telegram-bot-api.js';
import { deliveryTo, failureOf, fullIssue, shortPost } from './telegram-delivery-fixture.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';

let fake: FakeTelegramBotApi;

beforeEach(async () => {
	fake = await FakeTelegramBotApi.start();
});

afterEach(async () => {
	await fake.close();
});

const transport = (options: { onChatMigrated?: (from: string, to: string) => Promise<unknown> } = {}) => createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot, ...options });

describe('when a broadcast post fails', () => {
	it('then a reader who blocked the bot is gone as “reader-left”, after a single attempt', async () => {
		const reader = { id: 5001, type: 'private', first_name: 'Ada' } as Chat;
		fake.addChat(reader);
		fake.blockChat(reader.id);
		expect(await failureOf(() => sendPost(transport(), deliveryTo(reader), shortPost))).toMatchObject({ kind: 'gone', goneReason: 'reader-left', description: 'Forbidden: bot was blocked by the user' });
		expect(fake.callsTo('sendMessage')).toHaveLength(1);
	});

	it('then a deleted account is gone as “reader-left” too, Telegram’s word kept for the logs', async () => {
		const reader = { id: 5002, type: 'private', first_name: 'Bo' } as Chat;
		fake.addChat(reader);
		fake.blockChat(reader.id, 'Forbidden: user is deactivated');
		expect(await failureOf(() => sendPost(transport(), deliveryTo(reader), shortPost))).toMatchObject({ kind: 'gone', goneReason: 'reader-left', description: 'Forbidden: user is deactivated' });
	});

	it('then a 429 or a 502 on the first message is handed to the worker untried: one call, nothing paced', async () => {
		const group = { id: -5003, type: 'supergroup', title: 'Group' } as Chat;
		fake.addChat(group);
		let paced = 0;
		const blocks = await fullIssue();
		fake.inject('sendMessage', { status: 429, retryAfter: 3 });
		expect(await failureOf(() => sendPost(transport(), deliveryTo(group, { paced: () => (paced += 1) }), blocks))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 });
		fake.inject('sendMessage', { status: 502, description: 'Bad Gateway' });
		expect(await failureOf(() => sendPost(transport(), deliveryTo(group, { paced: () => (paced += 1) }), blocks))).toMatchObject({ kind: 'transient' });
		expect(fake.callsTo('sendMessage')).toHaveLength(2);
		expect(paced).toBe(0);
		expect(fake.botMessages(group.id)).toEqual([]);
	});
});

describe('when the Bot API cannot be reached at all', () => {
	it('then the post is transient and the error carries no token', async () => {
		const unreachable = createTelegramDeliveryTransport({ token: fakeToken, apiRoot: 'http://127.0.0.1:1' });
		const error = await failureOf(() => sendPost(unreachable, deliveryTo({ id: 5006, type: 'private', first_name: 'Cy' } as Chat), shortPost));
		expect(error).toMatchObject({ kind: 'transient' });
		expect(`${error.message} ${String(error.description)} ${String(error.cause)}`).not.toContain(fakeToken);
	});
});

describe('when a post finds that its group became a supergroup', () => {
	it('then it is sent once to the supergroup and the subscription is told to move', async () => {
		const group = { id: -5004, type: 'group', title: 'Old' } as Chat;
		const supergroup = { id: -1005004, type: 'supergroup', title: 'Old' } as Chat;
		fake.addChat(group);
		fake.migrateChat(group.id, supergroup);
		const moves: [string, string][] = [];
		await sendPost(transport({ onChatMigrated: async (from, to) => moves.push([from, to]) }), deliveryTo(group), shortPost);
		expect(moves).toEqual([[String(group.id), String(supergroup.id)]]);
		expect(fake.botMessages(supergroup.id).map((message) => message.text)).toEqual(['hello']);
		expect(fake.botMessages(group.id)).toEqual([]);
	});

	it('then a long post continues in the supergroup, every part once and in order', async () => {
		const group = { id: -5005, type: 'group', title: 'Old' } as Chat;
		const supergroup = { id: -1005005, type: 'supergroup', title: 'Old' } as Chat;
		fake.addChat(group);
		fake.migrateChat(group.id, supergroup);
		await sendPost(transport(), deliveryTo(group), await fullIssue());
		const texts = fake.botMessages(supergroup.id).map((message) => message.text);
		expect(texts.length).toBeGreaterThan(2);
		expect(new Set(texts).size).toBe(texts.length);
		expect(texts[0]?.startsWith('Qwen 3.5 small models go multimodal-on-edge')).toBe(true);
	});
});
