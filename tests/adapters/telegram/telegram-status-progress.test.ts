import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { latestBroadcastSummary } from '../../../src/delivery/broadcast-status.js';
import { createCapturingTransport } from '../../delivery/capturing-transport.js';
import { createHarness, type Harness as DeliveryHarness } from '../../delivery/delivery-harness.js';
import { fastTuning, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

const spacingMs = 1_200;
let harness: Harness | undefined;
let delivery: DeliveryHarness | undefined;

afterEach(async () => {
	await delivery?.stop();
	await harness?.close();
	harness = undefined;
	delivery = undefined;
});

/** A real broadcast (queue, worker, ledger) to 20 subscribers whose every post takes `postMs`: about 5 s in all by default. */
async function slowBroadcast(postMs = 250): Promise<DeliveryHarness> {
	const transport = createCapturingTransport({ beforeSend: () => new Promise((resolve) => setTimeout(resolve, postMs)) });
	const started = await createHarness(new Keyv(), transport, { concurrency: 1, platforms: ['telegram'] });
	for (let index = 0; index < 20; index += 1) await started.subscriptions.subscribe({ platform: 'telegram', chatId: String(5_000 + index), kind: 'private', format: 'headlines', createdBy: 'admin' });
	return started;
}

describe('when a bot admin sends /status while a broadcast is sending', () => {
	it('then one message shows a progress bar, is edited in place as the broadcast advances, no faster than the spacing, and ends with the final counts', async () => {
		delivery = await slowBroadcast();
		const queue = delivery.queue;
		const admin = newUser('Admin');
		harness = await startHarness({ env: { ADMIN_IDS: String(admin.id) }, broadcastStatus: () => latestBroadcastSummary(queue), tuning: { ...fastTuning, timing: { typingAfterMs: 150, draftIntervalMs: 0, liveEditIntervalMs: spacingMs } } });
		const { fake } = harness;
		const chat = privateChat(admin);
		const broadcast = delivery.broadcast();
		while ((await latestBroadcastSummary(queue))?.total !== 20) await new Promise((resolve) => setTimeout(resolve, 20));

		fake.postText(chat, '/status', { from: admin });
		const status = await fake.waitFor(() => fake.botMessages(chat.id)[0]);
		expect(status.text).toMatch(/▱ \d+% · \d+\/20/);
		// Meanwhile the chat is not held up: another command is answered while the status is live.
		fake.postText(chat, '/help', { from: admin });
		await fake.waitFor(() => fake.botMessages(chat.id).length >= 2);
		expect(status.text).not.toContain('100%');

		await broadcast;
		await fake.waitFor(() => (status.text.includes('20 delivered, 0 failed, 0 unsubscribed, 0 pending of 20') ? status : undefined), 10_000);
		// No edit comes after the final one.
		await new Promise((resolve) => setTimeout(resolve, spacingMs + 300));
		expect(status.text).toContain('▰▰▰▰▰▰▰▰▰▰ 100% · 20/20');

		const edits = fake.callsTo('editMessageText').filter((call) => call.ok && Number(call.params.message_id) === status.message_id);
		expect(edits.length).toBeGreaterThanOrEqual(3);
		const gaps = edits.slice(1).map((call, index) => call.at - edits[index]!.at);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacingMs);
		const percents = edits.map((call) => Number(/ (\d+)% ·/.exec(String(call.params.text))?.[1]));
		expect(percents).toEqual([...percents].sort((a, b) => a - b));
		expect(fake.callsTo('editMessageText').filter((call) => !call.ok)).toEqual([]);
	}, 30_000);

	it('then with no broadcast sending it answers once, without a bar, and never edits', async () => {
		delivery = await slowBroadcast(0);
		const queue = delivery.queue;
		const admin = newUser('Admin');
		harness = await startHarness({ env: { ADMIN_IDS: String(admin.id) }, broadcastStatus: () => latestBroadcastSummary(queue) });
		const chat = privateChat(admin);
		await delivery.broadcast();
		harness.fake.postText(chat, '/status', { from: admin });
		const [message] = await harness.fake.waitFor(() => (harness!.fake.botMessages(chat.id).length > 0 ? harness!.fake.botMessages(chat.id) : undefined));
		await harness.fake.settle(500);
		expect(message?.text).toContain('20 delivered, 0 failed, 0 unsubscribed, 0 pending of 20');
		expect(message?.text).not.toContain('▰');
		expect(harness.fake.callsTo('editMessageText')).toEqual([]);
	}, 30_000);
});
