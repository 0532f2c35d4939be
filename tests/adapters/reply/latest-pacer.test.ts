import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestPacer, type PacerOptions } from '../../../adapters/reply/latest-pacer.js';

/** A pacer whose applications are recorded with the (fake) time they started at; each takes `applyMs`. */
function recordingPacer(options: Partial<PacerOptions<string>> & { readonly applyMs?: number } = {}) {
	const applied: { readonly value: string; readonly at: number }[] = [];
	const errors: unknown[] = [];
	const started = Date.now();
	const pacer = new LatestPacer<string>({
		intervalMs: 1_000,
		shownAt: Number.NEGATIVE_INFINITY,
		onError: (error) => errors.push(error),
		apply: async (value) => {
			applied.push({ value, at: Date.now() - started });
			if (options.applyMs) await new Promise((resolve) => setTimeout(resolve, options.applyMs));
		},
		...options,
	});
	return { pacer, applied, errors };
}

describe('LatestPacer', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('when nothing was shown yet then the first value is applied at once', async () => {
		const { pacer, applied } = recordingPacer();
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(0);
		expect(applied).toEqual([{ value: 'a', at: 0 }]);
	});

	it('when values arrive faster than the interval then only the latest is applied, once per interval', async () => {
		const { pacer, applied } = recordingPacer();
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(100);
		pacer.push('b');
		pacer.push('c');
		await vi.advanceTimersByTimeAsync(300);
		pacer.push('d');
		await vi.advanceTimersByTimeAsync(2_000);
		expect(applied).toEqual([
			{ value: 'a', at: 0 },
			{ value: 'd', at: 1_000 },
		]);
	});

	it('when an application is slow then the interval runs from when it finished', async () => {
		const { pacer, applied } = recordingPacer({ applyMs: 500 });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(10);
		pacer.push('b');
		await vi.advanceTimersByTimeAsync(3_000);
		expect(applied).toEqual([
			{ value: 'a', at: 0 },
			{ value: 'b', at: 1_500 },
		]);
	});

	it('when a value was just shown then the first application keeps its distance from it', async () => {
		const { pacer, applied } = recordingPacer({ shownAt: Date.now() });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(999);
		expect(applied).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(applied).toEqual([{ value: 'a', at: 1_000 }]);
	});

	it('when flushed then the latest value is applied before flush resolves (trailing flush), still paced', async () => {
		const { pacer, applied } = recordingPacer();
		pacer.push('a');
		pacer.push('b');
		await vi.advanceTimersByTimeAsync(0);
		pacer.push('final');
		// 'b' waited for the interval and is dropped for the newer 'final'.
		let flushed = false;
		void pacer.flush().then(() => (flushed = true));
		await vi.advanceTimersByTimeAsync(999);
		expect(flushed).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(flushed).toBe(true);
		expect(applied.map(({ value }) => value)).toEqual(['a', 'final']);
		expect(applied.at(-1)?.at).toBe(1_000);
	});

	it('when a first-draft delay is set then text waits for it, urgent values do not, and a flush does not wait for it', async () => {
		const { pacer, applied } = recordingPacer({ intervalMs: 300, firstAfterMs: 2_000, urgent: (value) => value === '' });
		pacer.push('');
		await vi.advanceTimersByTimeAsync(0);
		expect(applied).toEqual([{ value: '', at: 0 }]);
		pacer.push('words');
		await vi.advanceTimersByTimeAsync(1_000);
		expect(applied).toHaveLength(1);
		await pacer.flush();
		expect(applied).toEqual([
			{ value: '', at: 0 },
			{ value: 'words', at: 1_000 },
		]);
	});

	it('when a first-draft delay is set and no flush comes then the first text is applied when the delay is up', async () => {
		const { pacer, applied } = recordingPacer({ intervalMs: 300, firstAfterMs: 2_000 });
		pacer.push('words');
		await vi.advanceTimersByTimeAsync(1_999);
		expect(applied).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(applied).toEqual([{ value: 'words', at: 2_000 }]);
	});

	it('when a value reads as the one last applied then it is not applied again', async () => {
		const { pacer, applied } = recordingPacer({ same: (a, b) => a.toLowerCase() === b.toLowerCase() });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(0);
		pacer.push('A');
		await vi.advanceTimersByTimeAsync(5_000);
		expect(applied.map(({ value }) => value)).toEqual(['a']);
	});

	it('when nothing changes for the refresh time then the last value is applied again (draft refresh), and again after that', async () => {
		const { pacer, applied } = recordingPacer({ refreshMs: 20_000, same: (a, b) => a === b });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(19_999);
		expect(applied).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(applied).toEqual([
			{ value: 'a', at: 0 },
			{ value: 'a', at: 20_000 },
		]);
		await vi.advanceTimersByTimeAsync(20_000);
		expect(applied).toHaveLength(3);
	});

	it('when a newer value is applied then the refresh waits a full refresh time from it', async () => {
		const { pacer, applied } = recordingPacer({ refreshMs: 20_000 });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(15_000);
		pacer.push('b');
		await vi.advanceTimersByTimeAsync(15_000);
		expect(applied.map(({ value }) => value)).toEqual(['a', 'b']);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(applied).toEqual([
			{ value: 'a', at: 0 },
			{ value: 'b', at: 15_000 },
			{ value: 'b', at: 35_000 },
		]);
	});

	it('when closed then nothing more is applied, refreshes included', async () => {
		const { pacer, applied } = recordingPacer({ refreshMs: 20_000 });
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(0);
		pacer.push('b');
		pacer.close();
		pacer.push('c');
		await pacer.flush();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(applied.map(({ value }) => value)).toEqual(['a']);
	});

	it('when an application fails then it is reported and the next value is still applied', async () => {
		let calls = 0;
		const errors: unknown[] = [];
		const applied: string[] = [];
		const pacer = new LatestPacer<string>({
			intervalMs: 1_000,
			shownAt: Number.NEGATIVE_INFINITY,
			onError: (error) => errors.push(error),
			apply: async (value) => {
				calls += 1;
				if (calls === 1) throw new Error('refused');
				applied.push(value);
			},
		});
		pacer.push('a');
		await vi.advanceTimersByTimeAsync(0);
		pacer.push('b');
		const flushed = pacer.flush();
		await vi.advanceTimersByTimeAsync(1_000);
		await flushed;
		expect(errors).toEqual([new Error('refused')]);
		expect(applied).toEqual(['b']);
	});
});

describe('LatestPacer with coalesce', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('when values are pushed in one turn then they are one application, of the last', async () => {
		const { pacer, applied } = recordingPacer({ coalesce: true });
		pacer.push('heading');
		pacer.push('heading and stories');
		expect(applied).toEqual([]);
		await vi.advanceTimersByTimeAsync(0);
		expect(applied).toEqual([{ value: 'heading and stories', at: 0 }]);
	});
});
