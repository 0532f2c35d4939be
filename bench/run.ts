/**
 * `npm run bench [-- --json]`: every figure is measured in this run, next to its baseline where
 * it has one, and reported as a median or a ratio — absolute times on a shared 2-core machine
 * are noise, ratios measured side by side are not.
 */
import { cpus, totalmem } from 'node:os';
import { measureCommandLatency } from './command-latency.js';
import { measureIngest } from './ingest.js';
import { measureLoadedMemory } from './memory.js';

interface Row {
	readonly key: string;
	readonly what: string;
	readonly value: number | null;
	readonly target?: string;
	readonly pass?: boolean;
}

const json = process.argv.includes('--json');
const log = (line: string): void => {
	if (!json) process.stderr.write(`${line}\n`);
};

log(`digestbot bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
log('ingest …');
const ingest = await measureIngest();
log('command latency on 1,000 issues …');
const latency = await measureCommandLatency(1000);
log('memory with 1,000 issues and 100,000 subscriptions …');
const memory = await measureLoadedMemory(1000, 100_000);

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
const rows: Row[] = [
	{ key: 'ingest_ratio', what: 'parse / markdown-it tokenize, reference issue (throughput ratio)', value: round(ingest.ingest_ratio) },
	{ key: 'ingest_mb_s', what: `parse throughput, MB/s (tokenizer alone: ${ingest.tokenizer_mb_s.toFixed(1)})`, value: round(ingest.ingest_mb_s, 2) },
	{ key: 'top_p99_ms', what: `/top p99, ms (p50 ${latency.top_p50_ms.toFixed(3)})`, value: round(latency.top_p99_ms), target: '< 1', pass: latency.top_p99_ms < 1 },
	{ key: 'story_p99_ms', what: `/story N p99, ms (p50 ${latency.story_p50_ms.toFixed(3)})`, value: round(latency.story_p99_ms), target: '< 1', pass: latency.story_p99_ms < 1 },
	{ key: 'search_p99_ms', what: `/search p99, ms (p50 ${latency.search_p50_ms.toFixed(2)})`, value: round(latency.search_p99_ms, 2) },
	{ key: 'peak_rss_mb_loaded', what: `peak RSS, 1,000 issues + 100,000 subscriptions, MB (empty process: ${memory.peak_rss_mb_baseline.toFixed(0)})`, value: round(memory.peak_rss_mb_loaded, 1), target: '≤ 300', pass: memory.peak_rss_mb_loaded <= 300 },
	// Measured once the fan-out benchmarks against the fake platform servers land.
	{ key: 'fanout_ratio_telegram', what: 'fan-out to 10,000 Telegram subscribers / bare HTTP loop', value: null, target: '≥ 0.6' },
	{ key: 'fanout_ratio_discord', what: 'fan-out to Discord channels / bare HTTP loop', value: null, target: '≥ 0.6' },
	{ key: 'limit_utilisation', what: 'share of the scaled Telegram ceiling sustained', value: null, target: '≥ 0.95' },
	{ key: 'e2e_ratio', what: 'updates/s through grammY / bare grammY bot', value: null, target: '≥ 0.8' },
	{ key: 'peak_rss_mb_fanout', what: 'peak RSS during a 100,000-subscriber fan-out, MB', value: null, target: '≤ 300' },
];

if (json) {
	process.stdout.write(`${JSON.stringify(Object.fromEntries(rows.map((row) => [row.key, row.value])))}\n`);
} else {
	const width = Math.max(...rows.map((row) => row.what.length));
	process.stdout.write(`${'figure'.padEnd(width)}  ${'value'.padStart(10)}  target\n`);
	for (const row of rows) {
		const verdict = row.pass === undefined ? '' : row.pass ? ' ✓' : ' ✗';
		process.stdout.write(`${row.what.padEnd(width)}  ${(row.value === null ? 'n/a' : String(row.value)).padStart(10)}  ${row.target ?? ''}${verdict}\n`);
	}
}
