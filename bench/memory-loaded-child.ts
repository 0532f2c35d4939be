/**
 * Run as its own process so that its peak RSS is its own: opens a SQLite store holding 1,000
 * issues and 100,000 subscriptions (seeded by bench/seed-store.ts), loads the archive as the bot
 * does at start, reads the subscriber list as a broadcast does, and prints its peak RSS in MB.
 */
import { Archive } from '../src/archive/archive.js';
import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { createKeyv } from '../src/store/create-keyv.js';
import { createKeyvSubscriptionStore } from '../src/subscriptions/subscription-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: memory-loaded-child DATA_DIR');
const keyv = await createKeyv({ dataDir });
const archive = new Archive(createKeyvIssueStore(keyv));
await archive.load();
const subscribers = await createKeyvSubscriptionStore(keyv).activeIds();
await keyv.disconnect();
process.stdout.write(`${JSON.stringify({ issues: archive.size, subscribers: subscribers.length, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
