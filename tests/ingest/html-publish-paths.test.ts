import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive, type IssueEvent } from '../../src/archive/archive.js';
import { ingestDigest, ingestDirectory } from '../../src/ingest/ingest.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createPublishRoute } from '../../src/http/publish-route.js';
import { startDigestWatcher, type DigestWatcher } from '../../src/ingest/digest-watcher.js';
import { runPublishCommand } from '../../src/ingest/publish-file.js';

const html = await readFile(new URL('../fixtures/digests/email-table-layout.html', import.meta.url), 'utf8');
const title = 'The Sunday Compiler #41: Faster builds, fewer flakes';
const firstStories = ['Bundler rewrite lands in Rust', 'Quarantine for flaky tests'];
const token = 'publish-token-for-html-tests-0123456789';

let folder: string;
let server: HttpServer | undefined;
let watcher: DigestWatcher | undefined;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-html-'));
});

afterEach(async () => {
	await watcher?.close();
	await server?.close();
	watcher = undefined;
	server = undefined;
	await rm(folder, { recursive: true, force: true });
});

const titles = (archive: Archive): string[] => archive.latest()?.issue.stories.slice(0, 2).map((story) => story.title) ?? [];
const sink = (): { write(text: string): void; text(): string } => {
	let out = '';
	return { write: (text) => void (out += text), text: () => out };
};

describe('when an HTML issue is published', () => {
	it('then a .html file already in DIGEST_DIR is archived at start-up with its stories', async () => {
		await writeFile(join(folder, 'issue-41.html'), html);
		const archive = new Archive(createMemoryIssueStore());
		const [report] = await ingestDirectory(archive, folder);
		expect(report).toMatchObject({ outcome: 'added' });
		expect(archive.latest()?.issue.title).toBe(title);
		expect(titles(archive)).toEqual(firstStories);
	});

	it('then a .html file dropped into DIGEST_DIR while the bot runs is picked up by the watcher', async () => {
		const archive = new Archive(createMemoryIssueStore());
		const added = new Promise<IssueEvent>((resolve) => archive.onIssue(resolve));
		watcher = await startDigestWatcher({ directory: folder, archive, stableMs: 50 });
		await writeFile(join(folder, 'issue-41.html'), html);
		expect((await added).issue.title).toBe(title);
		expect(titles(archive)).toEqual(firstStories);
	});

	it('then `publish issue.html` checks it and copies it into DIGEST_DIR under its own name', async () => {
		const source = join(folder, 'issue.html');
		await writeFile(source, html);
		const digestDir = join(folder, 'digests');
		const stdout = sink();
		expect(await runPublishCommand([source], digestDir, stdout, sink())).toBe(0);
		expect(stdout.text()).toContain(`published "${title}"`);
		expect(await readdir(digestDir)).toEqual(['issue.html']);
	});

	it('then `publish` of an HTML file without an extension keeps it as HTML', async () => {
		const source = join(folder, 'export');
		await writeFile(source, html);
		const digestDir = join(folder, 'digests');
		await mkdir(digestDir);
		expect(await runPublishCommand([source], digestDir, sink(), sink())).toBe(0);
		expect(await readdir(digestDir)).toEqual(['export.html']);
	});

	it('then POST /issues with Content-Type text/html archives it, even under a .md file name', async () => {
		const archive = new Archive(createMemoryIssueStore());
		server = createHttpServer({ routes: [createPublishRoute({ token, maxBytes: 256 * 1024, ingest: (bytes, source) => ingestDigest(archive, bytes, source) })] });
		const port = await server.listen(0, '127.0.0.1');
		const response = await fetch(`http://127.0.0.1:${port}/issues?file=issue-41.md`, { method: 'POST', body: html, headers: { 'Content-Type': 'text/html; charset=utf-8', Authorization: `Bearer ${token}` } });
		expect(response.status).toBe(201);
		expect(await response.json()).toMatchObject({ outcome: 'added', title });
		expect(titles(archive)).toEqual(firstStories);
	});
});
