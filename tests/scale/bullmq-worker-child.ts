/**
 * One delivery worker process on Redis for the scale-out tests: the BullMQ engine with the
 * real Telegram transport pointed at the fake, limits shared through Redis. Prints "ready"
 * once its worker runs; stops on SIGTERM; a SIGKILL is what the crash test sends.
 *
 * usage: node --import tsx tests/scale/bullmq-worker-child.ts REDIS_URL PREFIX API_ROOT DIGEST_FILE CONCURRENCY PER_SECOND LOCK_MS
 * (LOCK_MS `default`: the production lock and stalled check, as a takeover measurement needs)
 */
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createBullmqDeliveryWorker } from '../../src/delivery/engines/bullmq/bullmq-delivery.js';
import { createRedisBroadcastLedger } from '../../src/delivery/engines/bullmq/redis-broadcast-ledger.js';
import { createRedisRateLimiter } from '../../src/delivery/limits/redis-rate-limiter.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { createTelegramDeliveryTransport } from '../../adapters/telegram/telegram-delivery-transport.js';
import { telegramRateLimits } from '../../adapters/telegram/telegram-rate-limits.js';
import { fakeToken } from '../fakes/telegram-bot-api.js';
import { fastPolicy } from '../delivery/delivery-harness.js';

const [url = '', prefix = '', apiRoot = '', digestFile = '', concurrency = '8', perSecond = '30', lockMs = '3000'] = process.argv.slice(2);
const keyv = await createKeyv({ url, dataDir: '/tmp', namespace: prefix });
const subscriptions = createKeyvSubscriptionStore(keyv);
const archive = new Archive(createMemoryIssueStore());
const text = await readFile(digestFile, 'utf8');
await archive.put(parseIssue(text, { file: 'issue.md' }).issue, { bytes: text, file: 'issue.md' });
const connection = new Redis(url, { maxRetriesPerRequest: null });
connection.on('error', () => undefined);
// Limits and the ledger on a connection of their own: ioredis copies every script defined on a
// connection (BullMQ defines dozens) into each pipeline, which the limiter makes per post.
const plain = new Redis(url, { maxRetriesPerRequest: null });
plain.on('error', () => undefined);
const limits = telegramRateLimits(Number(perSecond));
const ledger = createRedisBroadcastLedger(plain, prefix);
const transport = createTelegramDeliveryTransport({ token: fakeToken, apiRoot, limits, timeoutSeconds: 10 });
const worker = createBullmqDeliveryWorker({
	connection,
	prefix,
	ledger,
	step: { subscriptions, transports: { telegram: transport }, findIssue: (id) => archive.get(id), limiter: createRedisRateLimiter(plain, prefix, { telegram: limits }), policy: fastPolicy, now: Date.now },
	concurrency: Number(concurrency),
	...(lockMs === 'default' ? {} : { lockDurationMs: Number(lockMs), stalledIntervalMs: 1_000 }),
});
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
	void worker.stop().then(async () => {
		connection.disconnect();
		plain.disconnect();
		await keyv.disconnect();
		process.exit(0);
	});
});
