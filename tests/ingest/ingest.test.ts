import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Archive, type IssueEvent } from '../../src/archive/archive.js';
import { ingestDirectory, ingestFile } from '../../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { createKeyv } from '../../src/store/create-keyv.js';
import { buildDigest } from '../builders/digest-builder.js';

let folder: string;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'digestbot-ingest-'));
});

afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

async function openArchive(): Promise<{ archive: Archive; close: () => Promise<void> }> {
	const keyv = await createKeyv({ dataDir: join(folder, 'data') });
	const archive = new Archive(createKeyvIssueStore(keyv));
	await archive.load();
	return { archive, close: () => keyv.disconnect() };
}

describe('when digests are ingested into the SQLite archive', () => {
	it('then issues survive a restart', async () => {
		await writeFile(join(folder, 'a.md'), buildDigest({ date: '2026-01-05', top: [{ title: 'Kept across restarts' }] }));
		const first = await openArchive();
		await ingestDirectory(first.archive, folder);
		await first.close();

		const second = await openArchive();
		expect(second.archive.latest()?.issue.stories[0]?.title).toBe('Kept across restarts');
		await second.close();
	});

	it('then an unchanged file is a no-op, a changed file updates the issue, and only a new issue is announced as added', async () => {
		const { archive, close } = await openArchive();
		const events: IssueEvent[] = [];
		archive.onIssue((event) => events.push(event));
		const file = join(folder, 'a.md');
		await writeFile(file, buildDigest({ date: '2026-01-05', top: [{ title: 'First draft' }] }));
		expect((await ingestFile(archive, file)).outcome).toBe('added');
		expect((await ingestFile(archive, file)).outcome).toBe('unchanged');
		await writeFile(file, buildDigest({ date: '2026-01-05', top: [{ title: 'Corrected headline' }] }));
		expect((await ingestFile(archive, file)).outcome).toBe('updated');
		expect(archive.size).toBe(1);
		expect(archive.latest()?.issue.stories[0]?.title).toBe('Corrected headline');
		expect(events.map((event) => event.outcome)).toEqual(['added', 'updated']);
		await close();
	});

	it('then a malformed, empty or binary file is skipped and the archive keeps its earlier issues', async () => {
		const { archive, close } = await openArchive();
		await writeFile(join(folder, '1-good.md'), buildDigest({ date: '2026-01-05', top: [{ title: 'Good issue' }] }));
		await writeFile(join(folder, '2-empty.md'), '');
		await writeFile(join(folder, '3-binary.md'), Buffer.from([0, 1, 2, 3, 255]));
		await writeFile(join(folder, '4-prose.md'), 'Dear diary, nothing to report.');
		await writeFile(join(folder, 'notes.txt'), 'ignored: not a digest file name');
		const reports = await ingestDirectory(archive, folder);
		expect(reports.map((report) => [report.file.split('/').pop(), report.outcome])).toEqual([
			['1-good.md', 'added'],
			['2-empty.md', 'rejected'],
			['3-binary.md', 'rejected'],
			['4-prose.md', 'rejected'],
		]);
		expect(reports[1]?.reason).toContain('2-empty.md: the file is empty');
		expect(archive.list().map((entry) => entry.issue.stories[0]?.title)).toEqual(['Good issue']);

		await writeFile(join(folder, '1-good.md'), '');
		expect((await ingestFile(archive, join(folder, '1-good.md'))).outcome).toBe('rejected');
		expect(archive.latest()?.issue.stories[0]?.title).toBe('Good issue');
		await close();
	});

	it('then two different files dated the same day are both kept', async () => {
		const { archive, close } = await openArchive();
		await writeFile(join(folder, 'morning.md'), buildDigest({ title: 'Morning edition', date: '2026-01-05', top: [{ title: 'am' }] }));
		await writeFile(join(folder, 'evening.md'), buildDigest({ title: 'Evening edition', date: '2026-01-05', top: [{ title: 'pm' }] }));
		await ingestDirectory(archive, folder);
		expect(archive.list().map((entry) => entry.issue.id).sort()).toEqual(['2026-01-05', '2026-01-05-morning-edition']);
		await close();
	});

	it('then a missing digest folder is logged, not thrown', async () => {
		const { archive, close } = await openArchive();
		expect(await ingestDirectory(archive, join(folder, 'nope'))).toEqual([]);
		await close();
	});
});

describe('when the store is Redis', () => {
	it('then the archive writes through to it and reads back after a restart', async () => {
		const namespace = `digestbot-test-${process.pid}-${Date.now()}`;
		const open = async () => {
			const keyv = await createKeyv({ url: 'redis://127.0.0.1:6379', dataDir: folder, namespace });
			const archive = new Archive(createKeyvIssueStore(keyv));
			await archive.load();
			return { keyv, archive };
		};
		const first = await open();
		await writeFile(join(folder, 'a.md'), buildDigest({ date: '2026-03-01', top: [{ title: 'Stored in Redis' }] }));
		await ingestDirectory(first.archive, folder);
		await first.keyv.disconnect();
		const second = await open();
		expect(second.archive.latest()?.issue.stories[0]?.title).toBe('Stored in Redis');
		await second.keyv.clear();
		await second.keyv.disconnect();
	});
});
