/**
 * Run as its own process so that its peak RSS is its own: broadcasts one issue to every active
 * subscription of the store in DATA_DIR (seeded by bench/memory.ts) through the real queue and
 * worker on SQLite, with a transport that only serialises each post (no network: this measures
 * what the bot holds, not sockets), and prints RSS and the live heap (after a collection; run
 * with --expose-gc) at each quarter of the deliveries, and its peak RSS.
 */
import type { Block } from '../src/content/block.js';
import type { DeliveryTransport } from '../src/delivery/delivery-transport.js';
import { createFanoutRig } from './fanout.js';

const dataDir = process.argv[2];
const total = Number(process.argv[3]);
if (!dataDir || !Number.isFinite(total)) throw new Error('usage: memory-fanout-child DATA_DIR SUBSCRIBERS');
const samples: { delivered: number; rssMb: number; heapMb: number }[] = [];
let delivered = 0;
let bytes = 0;
const transport: DeliveryTransport<readonly Block[]> = {
	render: (_delivery, content) => [{ digest: '', payload: content }],
	async sendPart(_delivery, chatId, content) {
		bytes += JSON.stringify({ chat_id: chatId, content }).length;
		delivered += 1;
		if (delivered % Math.ceil(total / 4) === 0 || delivered === total) {
			// Collected first, so the heap figure is what is still alive, not garbage not yet swept.
			(globalThis as { gc?: () => void }).gc?.();
			const usage = process.memoryUsage();
			samples.push({ delivered, rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 });
		}
		return { id: String(delivered) };
	},
};
const rig = await createFanoutRig({ dataDir, transport, platform: 'telegram', issues: 1 });
const started = performance.now();
await rig.broadcast();
const seconds = (performance.now() - started) / 1000;
await rig.close();
process.stdout.write(`${JSON.stringify({ delivered, bytes, seconds, samples, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
