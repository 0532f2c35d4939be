import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { parseIssue, type ParsedIssue } from '../../src/parser/parse-issue.js';
import { topStories } from '../../src/present/issue-overview.js';
import { missingWords } from '../helpers/body-words.js';
import { paragraphText } from '../helpers/content-text.js';

/*
 * One fixture per shape real publishers write (studied in public newsletter repositories, written
 * anew here): for each, the title, date, sections and first stories, and that no word is lost.
 */

const read = (name: string): string => readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), 'utf8');
const parse = (name: string): ParsedIssue & { source: string } => {
	const source = read(name);
	return { ...parseIssue(source, { file: `digests/${name}` }), source };
};
const stories = (issue: Issue, count: number): [string, string, string | null][] =>
	issue.stories.slice(0, count).map((story) => [story.title, story.subsection ? `${story.section} › ${story.subsection}` : story.section, story.url ?? null]);
const sections = (issue: Issue): string[] => issue.sections.map((section) => section.title);
const rules = (parsed: ParsedIssue): string[] => parsed.explanation.stories.map((story) => story.rule);

describe('when an issue has a Pelican-style "Key: value" header and no front matter fence', () => {
	const parsed = parse('pelican-key-value-header.md');
	const { issue } = parsed;

	it('then the title and date come from the header, and the header is not read as text', () => {
		expect(issue).toMatchObject({ title: 'This Fortnight in Zig 58', date: '2026-07-09' });
		expect(parsed.explanation.dateSource).toBe('the front matter date field');
		expect(JSON.stringify(issue.lead)).not.toContain('Category');
	});

	it('then H1 sections hold H2 subsections whose link bullets are the stories', () => {
		expect(sections(issue)).toEqual(['Updates from the Community', 'Updates from the Core Team', 'Upcoming Events']);
		expect(stories(issue, 3)).toEqual([
			['Writing an allocator that never frees', 'Updates from the Community › Articles', 'https://example.org/arena'],
			['Comptime tricks for config parsing', 'Updates from the Community › Articles', 'https://example.org/comptime'],
			['zigtop', 'Updates from the Community › Projects', 'https://example.org/zigtop'],
		]);
		expect(issue.stories.at(-2)?.title).toBe('7/14. Zig Meetup Lisbon');
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when a Jekyll issue has no date field but a dated permalink', () => {
	const parsed = parse('jekyll-permalink-date.md');
	const { issue } = parsed;

	it('then the date comes from the permalink', () => {
		expect(issue).toMatchObject({ title: 'Relay Notes #212', date: '2026-02-25', id: '2026-02-25' });
		expect(parsed.explanation.dateSource).toBe('the permalink');
	});

	it('then bold lead-in bullets and reference-style link bullets are the stories of their sections', () => {
		expect(sections(issue)).toEqual(['News', 'Releases and release candidates']);
		expect(stories(issue, 3)).toEqual([
			['Capping relay fees', 'News', null],
			['Faster channel opens', 'News', null],
			['Nodeworks 4.2.0', 'Releases and release candidates', 'https://example.com/nodeworks/releases/4.2.0'],
		]);
		expect(JSON.stringify(issue)).not.toMatch(/\{%|endcomment|references\.md|\{:toc\}|"TOC"/);
		expect(issue.stories).toHaveLength(4);
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when a Hugo issue dates itself with a full timestamp, lists its contents as #anchors and puts ### stories under numbered ## sections', () => {
	const parsed = parse('hugo-timestamp-sections.md');
	const { issue } = parsed;

	it('then the timestamp gives the date', () => {
		expect(issue).toMatchObject({ title: 'Platform Weekly: week 33', date: '2026-08-14' });
	});

	it('then the ## headings are sections and the ### headings their stories, and the table of contents is no story', () => {
		expect(sections(issue)).toEqual(['Kubernetes', 'Observability']);
		expect(stories(issue, 3)).toEqual([
			['Sidecars become a first-class container type', 'Kubernetes', null],
			['Node swap support graduates', 'Kubernetes', null],
			['Tracing costs drop with tail sampling', 'Observability', null],
		]);
		expect(issue.stories).toHaveLength(3);
		expect(issue.stories.every((story) => !story.top)).toBe(true);
		expect(JSON.stringify(issue.lead)).toContain('Skip to the tracing story');
	});

	it('then a "Read the case study →" link stays in its story instead of becoming one', () => {
		expect(issue.stories[2]!.body.map(paragraphText)).toContain('Read the case study →');
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when a Zola issue writes its date month first and heads link lists with bold lines', () => {
	const parsed = parse('zola-month-first.md');
	const { issue } = parsed;

	it('then "08-19-2026" is 19 August', () => {
		expect(issue).toMatchObject({ title: 'Frontend Digest 97', date: '2026-08-19' });
	});

	it('then each bold line heads the linked items under it as a subsection, and a "Links" section is stories, not sources', () => {
		expect(sections(issue)).toEqual(['Links', 'One more thing']);
		expect(issue.sections[0]!.subsections).toEqual(['CSS', 'JavaScript']);
		expect(stories(issue, 3)).toEqual([
			['Anchor positioning without a polyfill', 'Links › CSS', 'https://example.dev/anchor'],
			['Container queries in practice', 'Links › CSS', 'https://example.dev/cq'],
			['Signals proposal reaches stage 2', 'Links › JavaScript', 'https://example.dev/signals'],
		]);
		expect(issue.sources).toEqual([]);
		expect(parsed.warnings).toEqual([]);
	});

	it('then a bold line with prose under it is still a story, and a "[Sponsor]" one is labelled', () => {
		expect(issue.stories.at(-1)).toMatchObject({ title: 'A hand-made pixel font', section: 'One more thing' });
		expect(issue.stories.find((story) => story.title.includes('Ship previews'))?.sponsored).toBe(true);
		expect(issue.stories.filter((story) => story.sponsored)).toHaveLength(1);
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when the only date is in the file name', () => {
	it('then "2026-11-20-….md" dates the issue, and a bold link over a list heads it', () => {
		const parsed = parse('2026-11-20-dated-file-name.md');
		expect(parsed.issue).toMatchObject({ title: 'Data Engineering Roundup', date: '2026-11-20' });
		expect(parsed.explanation.dateSource).toBe('the file name');
		expect(sections(parsed.issue)).toEqual(['Pipelines', 'Sponsored']);
		expect(stories(parsed.issue, 2)).toEqual([
			['Watermarks without tears', 'Pipelines › Streaming joins, explained', 'https://example.net/watermarks'],
			['Exactly-once is a contract', 'Pipelines › Streaming joins, explained', 'https://example.net/exactly-once'],
		]);
		expect(parsed.issue.stories.some((story) => story.title.startsWith('Read the full issue'))).toBe(false);
		expect(missingWords(parsed.source, parsed.issue)).toEqual([]);
	});

	it('then a two-digit year "26-08-14-….md" is 2026', () => {
		const parsed = parse('26-08-14-short-year.md');
		expect(parsed.issue).toMatchObject({ title: 'Security Shorts', date: '2026-08-14' });
		expect(stories(parsed.issue, 1)).toEqual([['OpenSSL fixes a padding oracle', 'Advisories', 'https://example.com/openssl']]);
		expect(missingWords(parsed.source, parsed.issue)).toEqual([]);
	});

	it('then a date stated in the issue wins over the file name, and no date anywhere stays undated', () => {
		const stated = parseIssue(`---\ndate: 2026-01-02\n---\n# Notes\n\n- [A story](https://example.com/a)\n`, { file: '2025-12-31-notes.md' });
		expect(stated.issue.date).toBe('2026-01-02');
		const undated = parseIssue('# Notes\n\n- [A story](https://example.com/a)\n', { file: 'notes.md' });
		expect(undated.issue.date).toBeNull();
	});
});

describe('when an Astro newsletter has no "Top Stories" section and opens with a sponsor', () => {
	const parsed = parse('astro-no-top-section.md');
	const { issue } = parsed;

	it('then the date comes from pubDate and the ### stories share one section', () => {
		expect(issue).toMatchObject({ title: 'The Indie Maker Letter — Issue 30', date: '2026-08-03' });
		expect(sections(issue)).toEqual(['Stories', 'Tools I tried']);
		expect(stories(issue, 2)).toEqual([
			['💸 Sponsored: Analytics without cookies', 'Stories', null],
			['Pricing pages that convert', 'Stories', null],
		]);
	});

	it('then the sponsor is kept and labelled, and /top shows the first editorial stories without it', () => {
		expect(issue.stories[0]!.sponsored).toBe(true);
		const top = topStories({ issue } as Parameters<typeof topStories>[0], 2);
		expect(top.map((story) => story.title)).toEqual(['Pricing pages that convert', 'What went wrong with my launch']);
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when a Docusaurus MDX post has imports, admonitions, comments and JSX', () => {
	const parsed = parse('docusaurus-release-notes.mdx');
	const { issue } = parsed;

	it('then title, date, sections and stories are read and no MDX syntax reaches the model', () => {
		expect(issue).toMatchObject({ title: 'Release notes, May 2026', date: '2026-05-04' });
		expect(sections(issue)).toEqual(['Features', 'Fixes']);
		expect(stories(issue, 2)).toEqual([
			['Dev server starts in under a second', 'Features', null],
			['Plugins can add routes at build time', 'Features', null],
		]);
		const text = JSON.stringify(issue);
		for (const raw of [':::', '{/*', 'TabItem', 'import', 'truncate', 'under discussion', 'Badge', 'variant', 'frontmatter']) expect(text).not.toContain(raw);
		expect(text).toContain('Run the dev server twice');
		expect(text).toContain('Install the preview');
	});

	it('then nothing is lost', () => expect(missingWords(parsed.source, issue)).toEqual([]));
});

describe('when `parse --explain` asks which rule made each story', () => {
	it('then every story names its rule', () => {
		expect(rules(parse('zola-month-first.md'))).toEqual(['list-item', 'list-item', 'list-item', 'list-item', 'bold-line', 'bold-line']);
		expect(rules(parse('hugo-timestamp-sections.md'))).toEqual(['heading', 'heading', 'heading']);
		expect(rules(parse('email-table-layout.md')).slice(0, 3)).toEqual(['top-list-item', 'top-list-item', 'bold-line']);
	});
});

describe('when a title merely mentions a sponsor', () => {
	it('then a conference video list ("Diamond Sponsor Talk") stays editorial, while "(Sponsor)" after a title marks one', () => {
		const { issue } = parseIssue('# Conf videos\n\n## Talks\n\n- [Acme: Diamond Sponsor Talk](https://example.com/1)\n- [Why sponsors matter](https://example.com/2)\n- [Try Foo free (Sponsor)](https://example.com/3)\n', { file: 'talks.md' });
		expect(issue.stories.map((story) => story.sponsored === true)).toEqual([false, false, true]);
	});
});
