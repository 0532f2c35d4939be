import { describe, expect, it } from 'vitest';
import { renderIssueHtml } from '../../src/feeds/issue-html.js';
import { sampleIssue } from '../delivery/delivery-harness.js';

describe('when an issue is rendered as HTML for /feed.xml', () => {
	it('then text is escaped and only http(s) links survive', async () => {
		const { issue } = await sampleIssue();
		const hostile = {
			...issue,
			lead: [{ type: 'paragraph' as const, spans: [{ text: '<script>alert(1)</script> & more' }, { text: 'click', href: 'javascript:alert(1)' }, { text: 'safe', href: 'https://example.org/?a=1&b=2' }] }],
		};
		const html = renderIssueHtml(hostile);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
		expect(html).not.toContain('javascript:');
		expect(html).toContain('<a href="https://example.org/?a=1&amp;b=2">safe</a>');
	});

	it('then every story appears under its section, numbered', async () => {
		const { issue } = await sampleIssue();
		const html = renderIssueHtml(issue);
		for (const story of issue.stories) expect(html).toContain(`${story.number}. ${story.title.replace(/&/g, '&amp;')}`);
		for (const section of issue.sections) expect(html).toContain(`<h2>${section.title.replace(/&/g, '&amp;')}</h2>`);
	});
});
