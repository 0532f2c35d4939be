import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { Archive, type ArchivedIssue } from '../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { buildDigest } from '../builders/digest-builder.js';

/**
 * `list(publication)`, `latest`, `find` and `search` read one publication from an index the
 * archive keeps as issues arrive; these tests hold it to what filtering every issue by its
 * publication gives, through the changes that move issues around in it.
 */

const digest = (date: string | null, title: string, story: string): string => buildDigest({ title, date, top: [{ title: story, text: `Rustaceans and gophers read about ${story}.` }] });

async function put(archive: Archive, text: string, file: string, publication: string): Promise<ArchivedIssue | undefined> {
	const { issue } = await archive.put(parseIssue(text, { file }).issue, { bytes: text, file, publication });
	return archive.get(issue.id);
}

/** Every per-publication answer equals the one filtering the whole archive gives. */
function expectIndexMatchesFiltering(archive: Archive): void {
	const all = archive.list();
	const slugs = [...new Set(all.map((entry) => entry.publication))];
	expect([...archive.publications().keys()].sort()).toEqual([...slugs].sort());
	for (const slug of slugs) {
		const filtered = all.filter((entry) => entry.publication === slug);
		expect(archive.list(slug)).toEqual(filtered);
		expect(archive.list(slug).map((entry) => entry.number)).toEqual(filtered.map((_entry, index) => filtered.length - index));
		expect(archive.latest(slug)).toBe(filtered[0]);
		expect(archive.publications().get(slug)).toBe(filtered[0]);
		for (const entry of filtered) {
			expect(archive.find(String(entry.number), slug)).toBe(entry);
			expect(archive.get(entry.id)).toBe(entry);
		}
		const everywhere = archive.search('gophers', 100).filter((hit) => hit.issue.publication === slug);
		expect(archive.search('gophers', 2, slug)).toEqual(everywhere.slice(0, 2));
	}
	expect(archive.list('nobody-publishes-this')).toEqual([]);
}

describe('when issues of three publications arrive out of date order', () => {
	it('then each publication lists, numbers, finds and searches exactly its own issues, newest first', async () => {
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		await put(archive, digest('2026-04-08', 'Rust Weekly', 'Borrowing'), 'rust/2026-04-08.md', 'rust');
		await put(archive, digest('2026-04-01', 'Go Weekly', 'Generics'), 'go/2026-04-01.md', 'go');
		await put(archive, digest('2026-04-01', 'Rust Weekly', 'Lifetimes'), 'rust/2026-04-01.md', 'rust');
		await put(archive, digest('2026-04-15', 'Digest', 'Everything'), '2026-04-15.md', 'digest');
		await put(archive, digest('2026-03-25', 'Rust Weekly', 'Macros'), 'rust/2026-03-25.md', 'rust');

		expect(archive.list('rust').map((entry) => [entry.title, entry.date, entry.number])).toEqual([
			['Rust Weekly', '2026-04-08', 3],
			['Rust Weekly', '2026-04-01', 2],
			['Rust Weekly', '2026-03-25', 1],
		]);
		expectIndexMatchesFiltering(archive);
	});
});

describe('when an issue is replaced by a corrected file', () => {
	it('then its publication lists the corrected issue once, in its place, and search finds the new story, not the old one', async () => {
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		await put(archive, digest('2026-04-01', 'Rust Weekly', 'Lifetimes'), 'rust/2026-04-01.md', 'rust');
		await put(archive, digest('2026-04-08', 'Rust Weekly', 'Borrowing'), 'rust/2026-04-08.md', 'rust');
		await put(archive, digest('2026-04-01', 'Go Weekly', 'Generics'), 'go/2026-04-01.md', 'go');
		const before = archive.list('rust');

		const corrected = await put(archive, digest('2026-04-01', 'Rust Weekly', 'Async traits'), 'rust/2026-04-01.md', 'rust');

		expect(archive.list('rust')).not.toBe(before);
		expect(archive.list('rust').map((entry) => [entry.id, entry.number])).toEqual([
			['2026-04-08', 2],
			[corrected?.id, 1],
		]);
		expect(archive.find('1', 'rust')?.issue.stories.map((story) => story.title)).toEqual(['Async traits']);
		expect(archive.search('async traits', 5, 'rust').map((hit) => hit.story.title)).toEqual(['Async traits']);
		expect(archive.search('lifetimes', 5, 'rust')).toEqual([]);
		expectIndexMatchesFiltering(archive);
	});
});

describe('when two publications file issues under the same id, and one file reuses a date', () => {
	it('then each publication keeps its own issue under an id of its own, and both lists match filtering', async () => {
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		const rust = await put(archive, digest('2026-04-01', 'Weekly', 'Lifetimes'), 'feed:https://rust.example/rss#1', 'rust');
		const go = await put(archive, digest('2026-04-01', 'Weekly', 'Generics'), 'feed:https://go.example/rss#1', 'go');
		const rustAgain = await put(archive, digest('2026-04-01', 'Special', 'Editions'), 'feed:https://rust.example/rss#2', 'rust');

		expect(new Set([rust?.id, go?.id, rustAgain?.id]).size).toBe(3);
		expect(archive.list('go').map((entry) => entry.id)).toEqual([go?.id]);
		expect(archive.list('rust').map((entry) => entry.id).sort()).toEqual([rust?.id, rustAgain?.id].sort());
		expect(archive.find('1', 'go')?.issue.stories[0]?.title).toBe('Generics');
		expectIndexMatchesFiltering(archive);
	});
});

describe('when the archive is read again from its store (a restart)', () => {
	it('then the per-publication lists are the ones it had before, undated issues included', async () => {
		const keyv = new Keyv();
		const archive = new Archive(createKeyvIssueStore(keyv));
		await put(archive, digest('2026-04-01', 'Rust Weekly', 'Lifetimes'), 'rust/2026-04-01.md', 'rust');
		await put(archive, digest(null, 'Go Weekly', 'Generics'), 'go/special.md', 'go');
		await put(archive, digest('2026-04-08', 'Rust Weekly', 'Borrowing'), 'rust/2026-04-08.md', 'rust');
		await put(archive, digest('2026-03-01', 'Go Weekly', 'Modules'), 'go/2026-03-01.md', 'go');

		const reopened = new Archive(createKeyvIssueStore(keyv));
		await reopened.load();

		const shape = (source: Archive, slug: string) => source.list(slug).map((entry) => [entry.id, entry.number, entry.date]);
		for (const slug of ['rust', 'go']) expect(shape(reopened, slug)).toEqual(shape(archive, slug));
		expectIndexMatchesFiltering(reopened);
	});
});
