/**
 * One bot process delivering on SQLite for the scale-out benchmark: the embedded queue
 * (recovering the broadcast the parent enqueued into DATA_DIR) and its worker, with the real
 * Telegram transport pointed at the parent's fake, limits off. Prints "ready" once it runs.
 *
 * usage: node --import tsx bench/sqlite-worker-child.ts DATA_DIR API_ROOT DIGEST_FILE CONCURRENCY
 */
import { readFile } from 'node:fs/promises';
import { Archive } from '../src/archive/archive.js';
import { createMemoryIssueStore } from '../src/archive/issue-store.js';
import { createDeliveryWorker } from '../src/delivery/engines/keyv/delivery-worker.js';
import { createKeyvDeliveryQueue } from '../src/delivery/engines/keyv/keyv-delivery-queue.js';
import { createDeliveryRateLimiter } from '../tests/delivery/named-limits.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../src/subscriptions/subscription-store.js';
import { createTelegramDeliveryTransport } from '../adapters/telegram/telegram-delivery-transport.js';
import { fakeToken } from '../tests/fakes/telegram-bot-api.js';
import { limitsOff } from './fanout.js';

const [dataDir = '', apiRoot = '', digestFile = '', concurrency = '8'] = process.argv.slice(2);
const keyv = await createKeyv({ dataDir });
const archive = new Archive(createMemoryIssueStore());
const text = await readFile(digestFile, 'utf8');
await archive.put(parseIssue(text, { file: 'issue.md' }).issue, { bytes: text, file: 'issue.md' });
const queue = await createKeyvDeliveryQueue(keyv);
const worker = createDeliveryWorker({
	queue,
	subscriptions: createKeyvSubscriptionStore(keyv),
	transports: { telegram: createTelegramDeliveryTransport({ token: fakeToken, apiRoot }) },
	findIssue: (id) => archive.get(id),
	limiter: createDeliveryRateLimiter(limitsOff),
	concurrency: Number(concurrency),
	idleMs: 20,
});
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => void worker.stop().then(() => process.exit(0)));
