/**
 * A bot process for the crash test: broadcasts the sample issue to N subscribers on SQLite, and
 * "posts" by appending the subscription id to a file. Run it, SIGKILL it mid-broadcast, run it
 * again: the second run must finish the broadcast. Prints the final stats as JSON and exits 0.
 *
 * With STALL_AFTER > 0, every send after that many posts is made and then never acknowledged,
 * so the parent can kill the process with posts certainly in flight, whatever the machine's speed.
 *
 * usage: node --import tsx tests/delivery/crash-child.ts DATA_DIR OUT_FILE SUBSCRIBERS CONCURRENCY [STALL_AFTER]
 */
import { appendFileSync } from 'node:fs';
import { createDeliveryWorker } from '../../src/delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../../src/delivery/engines/keyv/keyv-delivery-queue.js';
import type { DeliveryTransport } from '../../src/delivery/delivery-transport.js';
import { createDeliveryRateLimiter } from './named-limits.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { fastPolicy, generousLimits, sampleIssue, subscriber } from './delivery-harness.js';

const [dataDir = '', outFile = '', count = '0', concurrency = '4', stallAfter = '0'] = process.argv.slice(2);
let sends = 0;
const keyv = await createKeyv({ dataDir });
const subscriptions = createKeyvSubscriptionStore(keyv);
if ((await subscriptions.activeIds()).length === 0) {
	for (let index = 0; index < Number(count); index += 1) await subscriptions.subscribe(subscriber(index));
}
const queue = await createKeyvDeliveryQueue(keyv);
const issue = await sampleIssue();
await queue.enqueueBroadcast(issue.id, await subscriptions.activeIds());
const transport: DeliveryTransport = {
	render: () => [{ digest: '', payload: undefined }],
	async sendPart(delivery) {
		appendFileSync(outFile, `${delivery.subscription.id}\n`);
		sends += 1;
		// The post is out but not yet recorded: a kill now is what makes a duplicate.
		if (Number(stallAfter) > 0 && sends > Number(stallAfter)) await new Promise(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 2));
		return { id: String(sends) };
	},
};
const worker = createDeliveryWorker({
	queue,
	subscriptions,
	transports: { telegram: transport, discord: transport },
	findIssue: (id) => (id === issue.id ? issue : undefined),
	limiter: createDeliveryRateLimiter(generousLimits),
	policy: fastPolicy,
	concurrency: Number(concurrency),
	idleMs: 20,
});
worker.start();
await worker.whenIdle();
await worker.stop();
process.stdout.write(`${JSON.stringify(await queue.stats(issue.id))}\n`);
await keyv.disconnect();
process.exit(0);
