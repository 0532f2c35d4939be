import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive, type ArchivedIssue } from '../../../src/archive/archive.js';
import { ingestBytes } from '../../../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../../../src/archive/issue-store.js';
import type { Block } from '../../../src/content/block.js';
import type { Delivery } from '../../../src/delivery/delivery-transport.js';
import { issueContent } from '../../../src/present/issue-content.js';
import { DeliveryError } from '../../../src/errors/delivery-error.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import { buildDigest } from '../../builders/digest-builder.js';
import { snowflake } from '../../fakes/discord-payloads.js';
import { apiErrorResponse, FakeDiscordServer, rateLimitResponse, type InjectedResponse } from '../../fakes/discord-server.js';
import { fakeToken } from './discord-harness.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';
import { defaultPartRetryPolicy } from '../../../src/delivery/retry-policy.js';

/** Forty long top stories: a `full` issue far beyond one message, and beyond an interactive answer's 10. */
const longDigest = buildDigest({
	title: 'Long Digest',
	date: '2026-05-01',
	top: Array.from({ length: 40 }, (_, index) => ({ title: `Story number ${index + 1}`, why: 'It matters.', text: `${'Words about this story @everyone '.repeat(45)}end.` })),
});

/** The core's retry of a later message, with short pauses so a test of three tries stays fast. */
const quickRetries = { ...defaultPartRetryPolicy, backoffBaseMs: 5 };

function subscriptionFor(chatId: string): Subscription {
	return { id: `discord:${chatId}`, platform: 'discord', chatId, kind: 'community-channel', communityId: '123456789012345678', format: 'full', createdBy: 'admin', createdAt: new Date().toISOString(), status: 'active' };
}

/** A delivery to a fresh channel (so rate-limit buckets of earlier tests do not carry over); `onPace` runs before each further message. */
function deliveryTo(chatId: string, onPace: (count: number) => void = () => {}): Delivery & { paces: number } {
	const delivery = {
		jobId: `job-${chatId}`,
		issueId: '2026-05-01',
		subscription: subscriptionFor(chatId),
		attempt: 1,
		paces: 0,
		async pace() {
			delivery.paces += 1;
			onPace(delivery.paces);
		},
	};
	return delivery;
}

async function sendError(delivery: DiscordDelivery, target: Delivery, blocks: readonly Block[]): Promise<DeliveryError> {
	const error: unknown = await sendPost(delivery.transport, target, blocks, quickRetries).then(
		() => undefined,
		(caught: unknown) => caught,
	);
	if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
	return error;
}

describe('discord delivery transport against a fake Discord', () => {
	let fake: FakeDiscordServer;
	let delivery: DiscordDelivery;
	let issue: ArchivedIssue;
	let full: Block[];
	let short: Block[];
	const posts = (chatId: string) => fake.callsTo('POST', new RegExp(`^/channels/${chatId}/messages$`));

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot });
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		await ingestBytes(archive, new TextEncoder().encode(longDigest), 'long.md');
		issue = archive.latest() as ArchivedIssue;
		full = issueContent(issue, 'full');
		short = issueContent(issue, 'headlines');
	});
	afterAll(async () => {
		delivery?.stop();
		await fake?.close();
	});

	it('when a long full issue is sent, then it arrives as many messages within every limit, in order, pinging nobody, paced before each after the first', async () => {
		const chatId = snowflake();
		const target = deliveryTo(chatId);
		await sendPost(delivery.transport, target, full, quickRetries);
		const messages = fake.messagesIn(chatId);
		expect(messages.length).toBeGreaterThan(10);
		expect(target.paces).toBe(messages.length - 1);
		for (const message of messages) {
			expect(message.content.length).toBeLessThanOrEqual(2000);
			expect(message.embeds.length).toBeLessThanOrEqual(10);
			expect(JSON.stringify(message.embeds).length).toBeLessThan(6000 + 200 * message.embeds.length);
			expect(message.content.length + message.embeds.length).toBeGreaterThan(0);
		}
		const titles = messages.flatMap((message) => message.embeds.map((embed) => String(embed.title)));
		const numbers = titles.map((title) => Number(/Story number (\d+)/.exec(title)?.[1])).filter((number) => !Number.isNaN(number));
		expect(new Set(numbers).size).toBe(40);
		expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
		expect(messages[0]?.content).toContain('Long Digest');
		expect(messages.map((message) => message.content).join('\n')).not.toContain('longer than one post');
		for (const call of posts(chatId)) expect(call.body).toMatchObject({ allowed_mentions: { parse: [] } });
	});

	it.each([
		[10003, 404, 'Unknown Channel', 'chat-gone'],
		[50001, 403, 'Missing Access', 'access-lost'],
		[50013, 403, 'Missing Permissions', 'access-lost'],
		[50007, 403, 'Cannot send messages to this user', 'reader-left'],
	] as const)('when Discord answers code %i (HTTP %i, %s), then the target is gone as %s and nothing more is sent', async (code, status, message, reason) => {
		const chatId = snowflake();
		fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: apiErrorResponse(status, code, message) });
		const error = await sendError(delivery, deliveryTo(chatId), full);
		expect(error).toMatchObject({ kind: 'gone', goneReason: reason, platform: 'discord', method: 'POST /channels/:id/messages' });
		expect(error.description).toContain(message);
		expect(posts(chatId)).toHaveLength(1);
		expect(error.message).not.toContain(fakeToken);
	});

	it('when Discord answers 502 to the first message, then the failure is transient and discord.js did not retry it on its own', async () => {
		const chatId = snowflake();
		fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: { status: 502, body: { message: 'Bad Gateway' } } });
		const error = await sendError(delivery, deliveryTo(chatId), short);
		expect(error.kind).toBe('transient');
		expect(posts(chatId)).toHaveLength(1);
	});

	it('when Discord answers 502 to a later message, then that message alone is retried and the first is not repeated', async () => {
		const chatId = snowflake();
		const target = deliveryTo(chatId, (count) => {
			if (count === 2) fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: { status: 502, body: { message: 'Bad Gateway' } } });
		});
		await sendPost(delivery.transport, target, full, quickRetries);
		const statuses = posts(chatId).map((call) => call.status);
		expect(statuses.filter((status) => status === 502)).toHaveLength(1);
		expect(fake.messagesIn(chatId)).toHaveLength(statuses.length - 1);
		expect(fake.messagesIn(chatId)[0]?.content).toContain('Long Digest');
		expect(fake.messagesIn(chatId).filter((message) => message.content.includes('Long Digest'))).toHaveLength(1);
	});

	it('when a later message keeps failing with 5xx, then the post fails as transient after a bounded number of tries', async () => {
		const chatId = snowflake();
		const target = deliveryTo(chatId, (count) => {
			if (count === 1) fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), times: 10, response: { status: 503, body: { message: 'Service Unavailable' } } });
		});
		const error = await sendError(delivery, target, full);
		expect(error.kind).toBe('transient');
		expect(posts(chatId).filter((call) => call.status === 503)).toHaveLength(3);
	});

	it('when Discord answers 429 to the first message, then the post is handed back as rate-limited with retry_after and nothing was posted', async () => {
		const chatId = snowflake();
		fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: rateLimitResponse(0.25) });
		const started = Date.now();
		const error = await sendError(delivery, deliveryTo(chatId), short);
		expect(error.kind).toBe('rate-limited');
		expect(error.retryAfterMs).toBeGreaterThanOrEqual(200);
		expect(error.retryAfterMs).toBeLessThanOrEqual(400);
		// Handed back at once: the worker waits, not discord.js while holding a slot.
		expect(Date.now() - started).toBeLessThan(200);
		expect(fake.messagesIn(chatId)).toHaveLength(0);
	});

	it('when Discord answers 429 to a later message, then the transport waits retry_after and completes the post without repeating anything', async () => {
		const chatId = snowflake();
		const limited: InjectedResponse = rateLimitResponse(0.1);
		const target = deliveryTo(chatId, (count) => {
			if (count === 3) fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: limited });
		});
		await sendPost(delivery.transport, target, full, quickRetries);
		const calls = posts(chatId);
		const limitedAt = calls.findIndex((call) => call.status === 429);
		expect(limitedAt).toBe(3);
		expect((calls[limitedAt + 1]?.at ?? 0) - (calls[limitedAt]?.at ?? 0)).toBeGreaterThanOrEqual(90);
		expect(fake.messagesIn(chatId)).toHaveLength(calls.length - 1);
		expect(fake.messagesIn(chatId).length).toBe(target.paces + 1);
	});

	it('when a message is refused as an invalid form body (50035), then the failure is permanent', async () => {
		const chatId = snowflake();
		fake.inject({ method: 'POST', path: new RegExp(`^/channels/${chatId}/messages$`), response: apiErrorResponse(400, 50035, 'Invalid Form Body') });
		expect((await sendError(delivery, deliveryTo(chatId), short)).kind).toBe('permanent');
	});

	it('when Discord cannot be reached at all, then the failure is transient', async () => {
		const unreachable = createDiscordDelivery({ token: fakeToken, apiRoot: 'http://127.0.0.1:1/api' });
		try {
			const error = await sendError(unreachable, deliveryTo(snowflake()), short);
			expect(error.kind).toBe('transient');
			expect(error.message).not.toContain(fakeToken);
		} finally {
			unreachable.stop();
		}
	});
});
