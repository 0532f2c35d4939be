import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPublishCommand } from '../../src/ingest/publish-file.js';
import { sampleDigest } from '../delivery/delivery-harness.js';

let folder: string;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-cli-'));
});

afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

function capture(): { write(text: string): void; text: () => string } {
	let out = '';
	return { write: (text: string) => void (out += text), text: () => out };
}

describe('when a publisher runs `publish FILE`', () => {
	it('then a good digest lands in DIGEST_DIR with no temporary file left, and a second run does nothing', async () => {
		const source = join(folder, 'new-issue.md');
		await writeFile(source, sampleDigest('2026-06-01'));
		const digestDir = join(folder, 'digests');
		const stdout = capture();
		expect(await runPublishCommand([source], digestDir, stdout, capture())).toBe(0);
		expect(stdout.text()).toContain('published');
		expect(await readdir(digestDir)).toEqual(['new-issue.md']);
		expect(await readFile(join(digestDir, 'new-issue.md'), 'utf8')).toBe(sampleDigest('2026-06-01'));
		const again = capture();
		expect(await runPublishCommand([source], digestDir, again, capture())).toBe(0);
		expect(again.text()).toContain('nothing to do');
	});

	it('then a file that is not a digest is refused with the reason and nothing is copied', async () => {
		const source = join(folder, 'broken.md');
		await writeFile(source, '');
		const stderr = capture();
		expect(await runPublishCommand([source], join(folder, 'digests'), capture(), stderr)).toBe(1);
		expect(stderr.text()).toMatch(/^error: .*empty/);
		await expect(readdir(join(folder, 'digests'))).rejects.toThrow();
	});

	it('then a missing file or argument is a one-line error', async () => {
		const stderr = capture();
		expect(await runPublishCommand([join(folder, 'nope.md')], folder, capture(), stderr)).toBe(1);
		expect(stderr.text()).toContain('ENOENT');
		const usage = capture();
		expect(await runPublishCommand([], folder, capture(), usage)).toBe(1);
		expect(usage.text()).toContain('usage');
	});
});
