import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/issue.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { paragraphText } from '../helpers/content-text.js';

const fixture = (name: string): { issue: Issue; warnings: string[]; source: string } => {
	const source = readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), 'utf8');
	const parsed = parseIssue(source, { file: name });
	return { issue: parsed.issue, warnings: parsed.warnings.map((warning) => warning.message), source };
};
const everyText = (issue: Issue): string => JSON.stringify(issue);

describe('when a digest has YAML front matter, link bullets and reference-style links', () => {
	const { issue } = fixture('yaml-link-bullets.md');

	it('then the title and date come from the front matter', () => {
		expect(issue).toMatchObject({ title: 'The Weekly Stack', date: '2026-02-14', id: '2026-02-14' });
	});

	it('then each link bullet is a story titled by its link, pointing at it, with the description as body', () => {
		expect(issue.stories.map((story) => [story.title, story.url, story.section])).toEqual([
			['Node.js 24 enters LTS', 'https://nodejs.org/en/blog/release/v24', 'Headlines'],
			['TypeScript 6 beta', 'https://devblogs.microsoft.com/typescript/', 'Headlines'],
			['Deno adds npm workspaces', 'https://deno.com/blog/workspaces', 'Headlines'],
			['Why we left microservices', 'https://example.com/essays/monolith', 'Reading list'],
		]);
		expect(paragraphText(issue.stories[0]!.body[0])).toBe('the new long-term support line brings a faster require(esm).');
	});

	it('then HTML and Liquid fragments are dropped, never shown raw', () => {
		const text = everyText(issue);
		for (const raw of ['<div', 'sponsor', '{%', 'include footer', '<!--', 'preheader']) expect(text).not.toContain(raw);
		expect(paragraphText(issue.lead[0])).toContain('Welcome back!');
	});
});

describe('when a digest has TOML front matter and headed items', () => {
	const { issue, warnings } = fixture('toml-headed-items.md');

	it('then every H3 under a section is a story of that section, and the repeated title heading is not', () => {
		expect(issue).toMatchObject({ title: 'Climate Brief', date: '2026-01-20' });
		expect(issue.stories.map((story) => [story.number, story.title, story.section])).toEqual([
			[1, 'Grid batteries outpace gas peakers', 'Energy'],
			[2, 'Offshore wind auction clears at record low', 'Energy'],
			[3, 'Carbon border tax takes effect', 'Policy'],
		]);
		expect(issue.stories[0]!.body).toHaveLength(2);
	});

	it('then a Sources paragraph of "[n] title url" lines becomes numbered, linked sources', () => {
		expect(issue.sources).toEqual([
			{ number: 1, label: 'Market report 2026', url: 'https://example.org/report' },
			{ number: 2, label: 'Analyst note', url: 'https://example.org/note' },
			{ number: 3, label: 'Auction results', url: 'https://example.org/auction' },
			{ number: 4, label: 'Official journal', url: 'https://example.org/journal' },
		]);
		expect(issue.stories[0]!.citations).toEqual([1, 2]);
		expect(warnings).toEqual([]);
	});

	it('then Liquid output tags inside a sentence are removed', () => {
		expect(everyText(issue)).not.toContain('{{');
		expect(everyText(issue)).not.toContain('page.footnote');
	});
});

describe('when a digest is in Chinese with numbered paragraphs', () => {
	const { issue } = fixture('chinese-numbered-paragraphs.md');

	it('then its date is read from the Chinese date line', () => {
		expect(issue).toMatchObject({ title: '人工智能日报', date: '2026-03-05' });
	});

	it('then each "1、" paragraph is a story titled by its bold lead-in', () => {
		expect(issue.stories.map((story) => story.title)).toEqual(['通义千问发布新模型', '国产芯片出货量创新高', '开源社区发起新的评测基准，覆盖代码与数学推理']);
		expect(issue.stories[0]!.citations).toEqual([1]);
		expect(issue.sources[0]).toEqual({ number: 1, label: '阿里云公告', url: 'https://example.cn/qwen' });
	});
});

describe('when a digest has no date, MDX imports, JSX components and bold lead-in bullets', () => {
	const { issue, warnings } = fixture('undated-bold-bullets.md');

	it('then it says it has no date instead of inventing one, and is filed under a slug', () => {
		expect(issue.date).toBeNull();
		expect(issue.id).toBe('friday-links');
		expect(warnings).toContain('no date found; the issue is filed as undated');
	});

	it('then bold lead-ins title the stories and nested bullets stay in their story', () => {
		expect(issue.stories.slice(0, 3).map((story) => story.title)).toEqual(['Rust 2027 edition planned', 'SQLite turns 26', 'Postgres 19']);
		const postgres = issue.stories[2]!;
		expect(postgres.body[1]).toEqual({ type: 'list', ordered: false, items: [[{ text: 'Sequences sync on failover.' }], [{ text: 'DDL replication is still out of scope.' }]] });
	});

	it('then MDX module lines and components never reach the model', () => {
		const text = everyText(issue);
		for (const raw of ['import', 'Callout', 'export const', '<span>']) expect(text).not.toContain(raw);
		expect(text).toContain('inline html ignored');
	});
});

describe('when a digest numbers its top stories in an ordered list and cites reference-style links', () => {
	const { issue } = fixture('numbered-list-references.md');

	it('then the ordered list under "Top Stories" holds top stories 1 and 2', () => {
		expect(issue.stories.filter((story) => story.top).map((story) => [story.number, story.title])).toEqual([
			[1, 'Critical OpenSSH flaw patched'],
			[2, 'Browser zero-day exploited in the wild'],
		]);
	});

	it('then the date is read from the title and the reference definitions become the sources', () => {
		expect(issue.date).toBe('2026-03-09');
		expect(issue.sources.map((source) => [source.number, source.label, source.url])).toEqual([
			[1, 'OpenSSH advisory', 'https://example.com/openssh'],
			[2, 'Browser advisory', 'https://example.com/browser'],
			[3, 'Phishing report', 'https://example.com/phishing'],
		]);
		expect(issue.stories[2]).toMatchObject({ title: 'A new phishing kit targets passkey enrolment', citations: [3] });
	});
});

describe('when a digest titles its items with bold or linked lines instead of headings', () => {
	const { issue } = fixture('tldr-bold-lines.md');

	it('then each bold or linked first line titles a story and the lines under it are its body', () => {
		expect(issue.stories.map((story) => [story.title, story.section, story.url ?? null])).toEqual([
			['OpenAI ships a new reasoning model (4 minute read)', 'Headlines & Launches', null],
			['Google expands Gemini to cars (3 minute read)', 'Headlines & Launches', null],
			['How attention sinks work (12 minute read)', 'Deep Dives', 'https://example.com/sinks'],
			['A bold headline on its own line', 'Deep Dives', null],
			['Rust in the kernel, one year on', 'Linked headings', 'https://example.com/rust-kernel'],
		]);
		expect(paragraphText(issue.stories[1]!.body[0])).toBe('Google announced that Gemini will run in cars from three makers this year.');
		expect(issue.stories[3]!.body.map((block) => block.type)).toEqual(['paragraph', 'list']);
	});

	it('then a date in the title is the issue date', () => {
		expect(issue.date).toBe('2026-03-04');
	});
});
