import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyvReaderMemory } from '../../src/readers/reader-memory.js';
import { buildDigest } from '../builders/digest-builder.js';

/** Two publications with the same dates: `rust` #1–#3 and `react` #1–#2. */
async function twoPublications(): Promise<Archive> {
	const archive = new Archive(createMemoryIssueStore());
	const issues = [['rust', '2026-04-01'], ['react', '2026-04-01'], ['rust', '2026-04-08'], ['react', '2026-04-08'], ['rust', '2026-04-15']] as const;
	for (const [publication, date] of issues) {
		const text = buildDigest({ title: `${publication} weekly`, date, top: [{ title: `A ${publication} story of ${date}` }] });
		await archive.put(parseIssue(text).issue, { bytes: text, file: `${publication}/${date}.md`, publication });
	}
	return archive;
}

const reader = { platform: 'telegram', userId: '42' };

describe('when a reader is shown issues of two publications', () => {
	it('then each publication keeps its own newest issue, and an older one moves neither back', async () => {
		const archive = await twoPublications();
		const memory = createKeyvReaderMemory(new Keyv(), archive);
		await memory.recordShown(reader, archive.find('3', 'rust')!);
		await memory.recordShown(reader, archive.find('2', 'react')!);
		await memory.recordShown(reader, archive.find('1', 'rust')!);

		expect((await memory.lastShown(reader, 'rust'))?.number).toBe(3);
		expect((await memory.lastShown(reader, 'react'))?.number).toBe(2);
		expect((await memory.lastShown(reader, 'react'))?.publication).toBe('react');
		// Without a publication, the newest of what they were shown: Rust's #3 of Apr 15.
		expect(await memory.lastShown(reader)).toMatchObject({ publication: 'rust', number: 3 });
		expect(await memory.lastShown({ platform: 'telegram', userId: 'someone else' }, 'rust')).toBeUndefined();
	});
});

describe('when the store holds what the version before publications wrote', () => {
	it('then its one issue id is the memory of that issue\'s publication, and the other publication is kept beside it', async () => {
		const archive = await twoPublications();
		const keyv = new Keyv();
		const rustTwo = archive.find('2', 'rust')!;
		await keyv.set('reader:telegram:42', rustTwo.id);
		const memory = createKeyvReaderMemory(keyv, archive);

		expect((await memory.lastShown(reader, 'rust'))?.id).toBe(rustTwo.id);
		expect(await memory.lastShown(reader, 'react')).toBeUndefined();

		await memory.recordShown(reader, archive.find('1', 'react')!);
		expect((await memory.lastShown(reader, 'rust'))?.id).toBe(rustTwo.id);
		expect((await memory.lastShown(reader, 'react'))?.number).toBe(1);
	});

	it('then a reader who knows one publication still has one issue id under their key, as before', async () => {
		const archive = await twoPublications();
		const keyv = new Keyv();
		const memory = createKeyvReaderMemory(keyv, archive);
		await memory.recordShown(reader, archive.find('1', 'rust')!);
		await memory.recordShown(reader, archive.find('2', 'rust')!);
		expect(await keyv.get('reader:telegram:42')).toBe(archive.find('2', 'rust')!.id);
		expect((await memory.lastShown(reader))?.number).toBe(2);
	});
});
