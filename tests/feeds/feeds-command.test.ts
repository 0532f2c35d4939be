import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { runFeedsCommand } from '../../src/feeds/feeds-command.js';
import { createKeyvFeedStore } from '../../src/feeds/feed-store.js';

function capture() {
	const out: string[] = [];
	return { out, stream: { write: (text: string) => out.push(text) } };
}

describe('when an operator manages feeds from the command line', () => {
	it('then add, list, resume and remove say what happened, and a paused feed shows its reason', async () => {
		const store = createKeyvFeedStore(new Keyv());
		const stdout = capture();
		const stderr = capture();
		const run = (...args: string[]) => runFeedsCommand(args, store, stdout.stream, stderr.stream);
		expect(await run('add', 'https://news.example.org/feed')).toBe(0);
		expect(await run('add', 'https://news.example.org/feed')).toBe(0);
		expect(stdout.out.join('')).toContain('https://news.example.org/feed is already followed');
		const state = (await store.get('https://news.example.org/feed'))!;
		await store.save({ ...state, failures: 20, lastError: 'HTTP 404', pausedReason: 'HTTP 404', title: 'Example Weekly' });
		stdout.out.length = 0;
		expect(await run('list')).toBe(0);
		expect(stdout.out.join('')).toBe('https://news.example.org/feed  "Example Weekly"\n  paused · 20 failures in a row · HTTP 404\n');
		expect(await run('resume', 'https://news.example.org/feed')).toBe(0);
		expect(await store.get('https://news.example.org/feed')).toMatchObject({ failures: 0 });
		expect((await store.get('https://news.example.org/feed'))?.pausedReason).toBeUndefined();
		expect(await run('remove', 'https://news.example.org/feed')).toBe(0);
		expect(await store.list()).toEqual([]);
		expect(await run('remove', 'https://news.example.org/feed')).toBe(1);
		expect(await run('add', 'file:///etc/passwd')).toBe(1);
		expect(stderr.out).toEqual(['error: https://news.example.org/feed is not followed (see npm run cli -- feeds list)\n', 'error: a feed URL must start with http:// or https://\n']);
	});
});
