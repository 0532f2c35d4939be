import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/content/span.js';
import type { Story } from '../../src/model/issue.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { paragraphText } from '../helpers/content-text.js';

const file = new URL('../../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url);
const source = readFileSync(file, 'utf8');
const { issue, warnings } = parseIssue(source, { file: file.pathname });

const storyText = (story: Story): string =>
	[story.whyItMatters ? plainText(story.whyItMatters) : '', ...story.body.map((block) => (block.type === 'paragraph' ? plainText(block.spans) : block.items.map(plainText).join('\n')))].join('\n');
const byTitle = (fragment: string): Story => {
	const story = issue.stories.find((candidate) => candidate.title.includes(fragment));
	if (!story) throw new Error(`no story titled like "${fragment}"`);
	return story;
};

describe('when the reference issue is parsed', () => {
	it('then its title, date, publication, byline and lead are read', () => {
		expect(issue.title).toBe('Qwen 3.5 small models go multimodal-on-edge as U.S. AI procurement tightens and Codex Spark ramps speed');
		expect(issue.date).toBe('2026-03-03');
		expect(issue.id).toBe('2026-03-03');
		expect(issue.publication).toBe('AI High Signal Digest');
		expect(issue.byline).toContain('By AI High Signal Digest');
		expect(paragraphText(issue.lead[0])).toMatch(/^A packed cycle led by Alibaba’s Qwen 3\.5/);
		expect(warnings).toEqual([]);
	});

	it('then the four top stories come first, numbered 1–4, each with its why-it-matters line, whatever their heading depth', () => {
		const top = issue.stories.filter((story) => story.top);
		expect(top.map((story) => story.number)).toEqual([1, 2, 3, 4]);
		expect(top.map((story) => story.title)).toEqual([
			'Qwen 3.5 “small” models push multimodal + long-context onto consumer/edge hardware',
			'U.S. government AI procurement escalates: Treasury ends Claude use, while OpenAI updates DoW surveillance language',
			'Coding-model speed race intensifies: GPT-5.3 Codex “Spark” preview lands on Plus for heavy Codex users',
			'Anthropic’s consumer + developer momentum continues amid product shipping burst',
		]);
		for (const story of top) {
			expect(story.section).toBe('Top Stories');
			expect(plainText(story.whyItMatters ?? [])).toMatch(/^Why it matters:/);
		}
		expect(issue.stories.slice(0, 4).every((story) => story.top)).toBe(true);
	});

	it('then the bullets under a top story stay in that story instead of becoming stories', () => {
		expect(storyText(byTitle('U.S. government AI procurement'))).toContain('U.S. Treasury said it is terminating all use of Anthropic products');
		expect(issue.stories.some((story) => story.title.startsWith('U.S. Treasury'))).toBe(false);
	});

	it('then every other item is a story numbered after the top stories in reading order, knowing its section and subsection', () => {
		const rest = issue.stories.filter((story) => !story.top);
		expect(rest.map((story) => story.number)).toEqual(rest.map((_, index) => index + 5));
		expect(byTitle('Reverse-engineering Apple’s Neural Engine')).toMatchObject({ number: 5, section: 'Research & Innovation', subsection: 'Training and inference efficiency' });
		expect(byTitle('FireRed-OCR-2B')).toMatchObject({ section: 'Products & Launches', subsection: 'Document parsing / OCR' });
		expect(byTitle('MiniMax earnings')).toMatchObject({ section: 'Industry Moves' });
		expect(byTitle('Ongoing debate about surveillance loopholes')).toMatchObject({ section: 'Policy & Regulation' });
		expect(byTitle('Musk vs OpenAI')).toMatchObject({ title: 'Musk vs OpenAI “AGI” claims circulate as a legal narrative' });
		expect(storyText(byTitle('Musk vs OpenAI'))).toContain('void Microsoft’s exclusive license');
		expect(byTitle('BullshitBench v2')).toMatchObject({ section: 'Quick Takes', number: issue.stories.length });
		expect(issue.stories).toHaveLength(34);
	});

	it('then citation marks resolve to the Sources list, unescaped, with X posts linking to the handle', () => {
		const story = byTitle('U.S. government AI procurement');
		expect(story.citations).toEqual([7, 8, 9, 10]);
		expect(issue.sources).toHaveLength(50);
		expect(issue.sources[0]).toEqual({ number: 1, label: 'X post by @Alibaba_Qwen', url: 'https://x.com/Alibaba_Qwen' });
		expect(issue.sources.find((source) => source.number === 13)?.label).toBe('X post by @alexalbert__');
		const citeSpans = story.body.flatMap((block) => (block.type === 'list' ? block.items.flat() : block.spans)).filter((span) => span.cite !== undefined);
		expect(citeSpans.find((span) => span.cite === 8)).toMatchObject({ text: '8', href: 'https://x.com/DeItaone' });
		expect(byTitle('legal counter-analysis').citations).toEqual([39, 40, 41]);
	});

	it('then paragraphs broken mid-sentence by a page break are joined', () => {
		expect(storyText(byTitle('Qwen 3.5 “small”'))).toContain('enabling even the 0.8B model to support a 262K-token context window');
		expect(storyText(byTitle('Large Lean formalization milestone'))).toContain('Maryna Viazovska’s 2022 Fields Medal theorems on optimal sphere packing');
		expect(issue.sections.find((section) => section.title === 'Research & Innovation')?.intro).toEqual([]);
	});

	it('then nothing is lost: every word of the issue appears in the parsed model', () => {
		const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
		const model = new Set(words(JSON.stringify(issue)));
		const missing = [...new Set(words(source))].filter((word) => !model.has(word));
		expect(missing).toEqual([]);
	});
});
