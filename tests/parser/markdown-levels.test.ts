import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/parser/parse-issue.js';

const read = (name: string): string => readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), 'utf8');

describe('when an MDX issue has a sponsor shown as a picture and a bold link, and a bold line over an introduced list', () => {
	const { issue } = parseIssue(read('mdx-groups-and-sponsor.mdx'), { file: 'index.mdx' });
	const titles = issue.stories.map((story) => story.title);

	it('then the sponsor is listed once, labelled, with its text', () => {
		expect(titles.filter((title) => title.includes('Ship faster with Tracewise'))).toHaveLength(1);
		expect(issue.stories[0]).toMatchObject({ title: 'Ship faster with Tracewise', sponsored: true });
		expect(JSON.stringify(issue.stories[0]!.body)).toContain('finds the slow query');
	});

	it('then the bold line heads the linked items under it as a group, not a story of its own', () => {
		expect(titles).not.toContain('The bundler race');
		expect(issue.stories.slice(1, 4).map((story) => [story.title, story.subsection])).toEqual([
			['Packwise 3.0 ships lazy chunks', 'The bundler race'],
			['Rollfast 2.1', 'The bundler race'],
			['Esbundle 0.30 adds CSS modules', 'The bundler race'],
		]);
	});

	it('then a rule ends the group: the items after it belong to the section alone', () => {
		expect(issue.stories.slice(4).map((story) => [story.title, story.subsection])).toEqual([
			['👀 Router 9 RFC', undefined],
			['📜 How we moved off our meta-framework', undefined],
		]);
	});

	it('then heading anchors are not part of the section names', () => {
		expect(issue.sections.map((section) => section.title)).toEqual(['💸 Sponsor', '⚛️ Frameworks']);
	});
});
