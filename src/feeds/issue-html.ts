import type { Span } from '../content/span.js';
import type { ContentBlock, Issue, Story } from '../model/issue.js';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => escapes[character]!);
}

/** Only http(s) links reach a reader's feed reader: a `javascript:` href from a feed item must not. */
function safeHref(href: string | undefined): string | undefined {
	return href && /^https?:\/\//i.test(href) ? href : undefined;
}

function renderSpans(spans: readonly Span[]): string {
	return spans
		.map((span) => {
			let html = escapeHtml(span.text);
			if (span.code) html = `<code>${html}</code>`;
			if (span.italic) html = `<em>${html}</em>`;
			if (span.bold) html = `<strong>${html}</strong>`;
			const href = safeHref(span.href);
			if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
			return span.cite !== undefined ? `<sup>${html}</sup>` : html;
		})
		.join('');
}

function renderBlock(block: ContentBlock): string {
	if (block.type === 'paragraph') return `<p>${renderSpans(block.spans)}</p>`;
	const items = block.items.map((item) => `<li>${renderSpans(item)}</li>`).join('');
	if (!block.ordered) return `<ul>${items}</ul>`;
	return block.start !== undefined && block.start !== 1 ? `<ol start="${block.start}">${items}</ol>` : `<ol>${items}</ol>`;
}

function renderStory(story: Story): string {
	const href = safeHref(story.url);
	const title = href ? `<a href="${escapeHtml(href)}">${escapeHtml(story.title)}</a>` : escapeHtml(story.title);
	const why = story.whyItMatters ? `<p><em>${renderSpans(story.whyItMatters)}</em></p>` : '';
	return `<h3>${story.number}. ${title}</h3>${why}${story.body.map(renderBlock).join('')}`;
}

/**
 * An issue as one HTML document body, story by story under their sections, for `/feed.xml` and
 * `/feed.json`: feed readers show HTML, and every word of the issue (lead, stories, sources)
 * is in it.
 */
export function renderIssueHtml(issue: Issue): string {
	const parts: string[] = [];
	if (issue.byline) parts.push(`<p>${escapeHtml(issue.byline)}</p>`);
	parts.push(...issue.lead.map(renderBlock));
	const placed = new Set<number>();
	for (const section of issue.sections) {
		const stories = issue.stories.filter((story) => story.section === section.title);
		if (stories.length === 0 && section.intro.length === 0) continue;
		if (!(stories.length === 1 && stories[0]!.title === section.title)) parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
		if (section.whyItMatters) parts.push(`<p><em>${renderSpans(section.whyItMatters)}</em></p>`);
		parts.push(...section.intro.map(renderBlock));
		for (const story of stories) {
			placed.add(story.number);
			parts.push(renderStory(story));
		}
	}
	for (const story of issue.stories) if (!placed.has(story.number)) parts.push(renderStory(story));
	if (issue.sources.length > 0) {
		const items = issue.sources.map((source) => {
			const href = safeHref(source.url);
			const label = escapeHtml(source.label);
			return `<li value="${source.number}">${href ? `<a href="${escapeHtml(href)}">${label}</a>` : label}</li>`;
		});
		parts.push(`<h2>${escapeHtml(issue.sourcesTitle ?? 'Sources')}</h2><ol>${items.join('')}</ol>`);
	}
	return parts.join('\n');
}
