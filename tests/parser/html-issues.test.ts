import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../src/parser/html/html-to-markdown.js';
import { detectFormat, parseIssue } from '../../src/parser/parse-issue.js';
import { missingWords } from '../helpers/body-words.js';
import { paragraphText } from '../helpers/content-text.js';

const read = (name: string): string => readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), 'utf8');

describe('when an issue arrives as an HTML email laid out in tables', () => {
	const html = parseIssue(read('email-table-layout.html'), { file: 'email-table-layout.html' });
	const markdown = parseIssue(read('email-table-layout.md'), { file: 'email-table-layout.md' });

	it('then it comes out with the same title, date, sections and stories as the same issue written in Markdown', () => {
		expect(html.issue.title).toBe('The Sunday Compiler #41: Faster builds, fewer flakes');
		expect(html.issue.date).toBe('2026-08-16');
		expect(html.issue.sections).toEqual(markdown.issue.sections);
		expect(html.issue.stories).toEqual(markdown.issue.stories);
		expect(html.issue.stories.slice(0, 3).map((story) => [story.number, story.title, story.top])).toEqual([
			[1, 'Bundler rewrite lands in Rust', true],
			[2, 'Quarantine for flaky tests', true],
			[3, 'Lockfile diffs you can read', false],
		]);
	});

	it('then scripts, styles, the hidden preheader, tracking pixel, share buttons and the footer are dropped', () => {
		const text = JSON.stringify(html.issue);
		for (const chrome of ['dataLayer', 'font-family', 'Spoiler hidden', 'View in browser', 'Share on', 'Unsubscribe', 'Manage preferences', 'receiving this', 'Harbour Row', 'track', 'sundaycompiler']) {
			expect(text).not.toContain(chrome);
		}
	});

	it('then images keep their alt text, a data table keeps its rows, and the sponsor is labelled', () => {
		const tools = html.issue.stories.filter((story) => story.section === 'Tools').flatMap((story) => story.body.map(paragraphText));
		expect(tools).toContain('Screenshot of a grouped lockfile diff');
		expect(tools).toContain('web | 9 s | 2 s');
		expect(html.issue.stories.find((story) => story.title === 'CI minutes on us')?.sponsored).toBe(true);
	});

	it('then no word of the issue is lost', () => {
		expect(missingWords(read('email-table-layout.md'), html.issue)).toEqual([]);
	});
});

describe('when an issue arrives as a Substack-style post email', () => {
	const { issue } = parseIssue(read('substack-style-post.html'), { file: 'substack-style-post.html' });

	it('then the post title is the title, the deck is lead, the meta line gives the date and each ## is a story', () => {
		expect(issue).toMatchObject({ title: 'Notes on the chip shortage, again', date: '2026-09-02' });
		expect(issue.sections.map((section) => section.title)).toEqual(['Stories']);
		expect(issue.stories.map((story) => story.title)).toEqual(['Packaging is the new bottleneck', 'Memory prices turn', 'Export rules widen']);
		expect(JSON.stringify(issue.lead)).toContain('Three things to watch this quarter');
	});

	it('then Like, Comment, Restack, Share, Subscribe and Open-in-app buttons and the footer are gone', () => {
		const text = JSON.stringify(issue);
		for (const chrome of ['Like', 'Comment', 'Restack', 'Share', 'Subscribe now', 'Open in app', 'reader-supported', 'Unsubscribe', 'Start writing', 'Example Street']) expect(text).not.toContain(chrome);
		expect(text).toContain('allocation');
	});
});

describe('when an issue arrives as a Ghost-style newsletter email', () => {
	const { issue } = parseIssue(read('ghost-style-newsletter.html'), { file: 'ghost-style-newsletter.html' });

	it('then the <title> titles it, the meta line dates it and keeps its byline, and the ## headings are its stories', () => {
		expect(issue).toMatchObject({ title: 'Field Notes 19: rivers, rails and a quiet budget', date: '2026-08-14', publication: 'Field Notes' });
		expect(issue.byline).toContain('Ana Ruiz');
		expect(issue.stories.map((story) => story.title)).toEqual(['The river restoration passes its first flood', 'Night trains return to the valley line', 'The council budget, in one chart']);
	});

	it('then the view-in-browser link, share icons, unsubscribe footer and Ghost badge are gone, the figure keeps its alt text and caption', () => {
		const text = JSON.stringify(issue);
		for (const chrome of ['View in browser', 'Facebook', 'Bluesky', 'Unsubscribe', 'Powered by', '©']) expect(text).not.toContain(chrome);
		expect(text).toContain('Bar chart of maintenance against new building');
		expect(text).toContain('Maintenance spending overtook new building in 2026.');
	});
});

describe('when an issue is an archive page with the site around it', () => {
	const { issue, explanation } = parseIssue(read('archive-page-article.html'), { file: 'archive-page-article.html' });

	it('then the page\'s published_time meta is its stated date', () => {
		expect(issue.date).toBe('2026-04-02');
		expect(explanation.dateSource).toBe('the front matter date field');
	});

	it('then only its one <article> is read: the menu, related posts and site footer are not stories', () => {
		expect(issue.title).toBe('Weekly Garden 5');
		expect(issue.stories.map((story) => story.title)).toEqual(['Start tomatoes indoors now', 'Slugs, again']);
		for (const chrome of ['About', 'Archive', 'Related posts', 'Weekly Garden 4', '©']) expect(JSON.stringify(issue)).not.toContain(chrome);
	});
});

describe('when the format is not stated', () => {
	it('then the file extension decides, and without one the first tag of the content', () => {
		expect(detectFormat('<p>x</p>', { file: 'a.md' })).toBe('markdown');
		expect(detectFormat('# x', { file: 'a.html' })).toBe('html');
		expect(detectFormat('<!DOCTYPE html><html><body><p>x</p></body></html>')).toBe('html');
		expect(detectFormat('<table role="presentation"><tr><td>x</td></tr></table>')).toBe('html');
		expect(detectFormat('<!-- draft -->\n# Weekly\n\n- [a](https://example.com)')).toBe('markdown');
		expect(detectFormat('<p>x</p>', { file: 'a.md', format: 'html' })).toBe('html');
	});

	it('then an HTML fragment (a feed item) converts to Markdown on its own', () => {
		expect(htmlToMarkdown('<p>Hello <b>world</b>, see <a href="https://example.com/x">this</a>.</p><script>x()</script>')).toBe('Hello **world**, see [this](https://example.com/x).');
	});

	it('then an HTML page with nothing visible is refused as empty, not as a crash', () => {
		expect(() => parseIssue('<html><head><style>p{}</style></head><body><div style="display:none">x</div></body></html>', { file: 'blank.html' })).toThrow(/no visible text/);
	});
});
