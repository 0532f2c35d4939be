import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { latestBroadcastSummary } from '../../../src/delivery/broadcast-status.js';
import { createCapturingTransport } from '../../delivery/capturing-transport.js';
import { createHarness, type Harness as DeliveryHarness } from '../../delivery/delivery-harness.js';
import { startHarness, type Harness } from './discord-harness.js';

const spacingMs = 1_200;
const adminId = '123456789012345678';
let harness: Harness | undefined;
let delivery: DeliveryHarness | undefined;

afterEach(async () => {
	await delivery?.stop();
	await harness?.stop();
	harness = undefined;
	delivery = undefined;
});

describe('when a bot admin uses /status on Discord while a broadcast is sending', () => {
	it('then the reply shows a progress bar, is edited in place no faster than the spacing, and ends with the final counts', async () => {
		const transport = createCapturingTransport({ beforeSend: () => new Promise((resolve) => setTimeout(resolve, 250)) });
		delivery = await createHarness(new Keyv(), transport, { concurrency: 1, platforms: ['telegram'] });
		for (let index = 0; index < 20; index += 1) await delivery.subscriptions.subscribe({ platform: 'telegram', chatId: String(5_000 + index), kind: 'private', format: 'headlines', createdBy: 'admin' });
		const queue = delivery.queue;
		harness = await startHarness({ adminIds: [adminId], adapter: { liveEditIntervalMs: spacingMs }, broadcastStatus: () => latestBroadcastSummary(queue) });
		const { fake } = harness;
		const broadcast = delivery.broadcast();
		while ((await latestBroadcastSummary(queue))?.total !== 20) await new Promise((resolve) => setTimeout(resolve, 20));

		const status = fake.slashCommand('status', {}, { userId: adminId });
		const message = await fake.waitFor('the first view', () => status.original?.content.includes('/20') && status.original);
		expect(message.content).toMatch(/▱ \d+% · \d+\/20/);
		await broadcast;
		await fake.waitFor('the final counts', () => message.content.includes('20 delivered, 0 failed, 0 unsubscribed, 0 pending of 20'), 10_000);
		// No edit comes after the final one.
		await new Promise((resolve) => setTimeout(resolve, spacingMs + 300));
		expect(message.content).toContain('▰▰▰▰▰▰▰▰▰▰ 100% · 20/20');

		const edits = fake.callsTo('PATCH', new RegExp(`^/webhooks/\\d+/${status.token}/messages/@original$`)).filter((call) => call.status === 200);
		expect(edits.length).toBeGreaterThanOrEqual(4);
		const gaps = edits.slice(1).map((call, index) => call.at - edits[index]!.at);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacingMs);
	}, 30_000);
});
