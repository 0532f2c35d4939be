import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { latestBroadcastSummary } from '../../../../src/delivery/broadcast-status.js';
import { createCapturingTransport } from '../../../delivery/capturing-transport.js';
import { createHarness, type Harness as DeliveryHarness } from '../../../delivery/delivery-harness.js';
import { fastTuning, newUser, privateChat, startHarness, type Harness } from '../telegram-harness.js';
import { messagePlain } from './rich-outline.js';

const spacingMs = 1_200;
let harness: Harness | undefined;
let delivery: DeliveryHarness | undefined;

afterEach(async () => {
	await delivery?.stop();
	await harness?.close();
	harness = undefined;
	delivery = undefined;
});

describe('when a bot admin sends /status during a broadcast with rich messages on', () => {
	it('then the one rich status message is edited in place (editMessageText with rich_message) until it shows the final counts', async () => {
		const transport = createCapturingTransport({ beforeSend: () => new Promise((resolve) => setTimeout(resolve, 200)) });
		delivery = await createHarness(new Keyv(), transport, { concurrency: 1, platforms: ['telegram'] });
		for (let index = 0; index < 20; index += 1) await delivery.subscriptions.subscribe({ platform: 'telegram', chatId: String(6_000 + index), kind: 'private', format: 'headlines', createdBy: 'admin' });
		const queue = delivery.queue;
		const admin = newUser('Admin');
		harness = await startHarness({
			env: { TELEGRAM_RICH: 'on', ADMIN_IDS: String(admin.id) },
			broadcastStatus: () => latestBroadcastSummary(queue),
			tuning: { ...fastTuning, timing: { typingAfterMs: 150, draftIntervalMs: 0, liveEditIntervalMs: spacingMs } },
		});
		const { fake } = harness;
		const chat = privateChat(admin);
		const broadcast = delivery.broadcast();
		while ((await latestBroadcastSummary(queue))?.total !== 20) await new Promise((resolve) => setTimeout(resolve, 20));

		fake.postText(chat, '/status', { from: admin });
		const status = await fake.waitFor(() => fake.botMessages(chat.id)[0]);
		expect(status.rich_message).toBeDefined();
		expect(messagePlain(status)).toMatch(/▱ \d+% · \d+\/20/);
		await broadcast;
		await fake.waitFor(() => (messagePlain(status).includes('20 delivered, 0 failed, 0 unsubscribed, 0 pending of 20') ? status : undefined), 10_000);
		expect(status.rich_message).toBeDefined();
		const edits = fake.callsTo('editMessageText').filter((call) => Number(call.params.message_id) === status.message_id);
		expect(edits.length).toBeGreaterThanOrEqual(2);
		expect(edits.every((call) => call.ok && call.params.rich_message !== undefined && call.params.text === undefined)).toBe(true);
		expect(fake.botMessages(chat.id)).toHaveLength(1);
	}, 30_000);
});
