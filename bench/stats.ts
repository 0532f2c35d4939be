import type { Bench } from 'tinybench';

function completed(bench: Bench, name: string) {
	const result = bench.getTask(name)?.result;
	if (!result || result.state !== 'completed') throw new Error(`benchmark task "${name}" did not complete`);
	return result;
}

/** Median operations per second of a finished tinybench task. */
export function throughput(bench: Bench, name: string): number {
	return completed(bench, name).throughput.p50;
}

/** Latency percentiles of a finished tinybench task, in milliseconds. */
export function latency(bench: Bench, name: string): { p50: number; p99: number } {
	const { latency: stats } = completed(bench, name);
	return { p50: stats.p50, p99: stats.p99 };
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The q-quantile (0–1) of a list of numbers, interpolating between the two nearest (as tinybench's p99). */
export function percentile(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const at = (sorted.length - 1) * q;
	const below = Math.floor(at);
	const above = Math.min(sorted.length - 1, below + 1);
	return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}
