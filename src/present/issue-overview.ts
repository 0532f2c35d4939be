import type { ArchivedIssue } from '../archive/archive.js';
import type { Block } from '../content/block.js';
import type { Span } from '../content/span.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import { formatIssueDate, storyHeadline } from './story-card.js';

/**
 * An issue at a glance: title, date, lead, sections with their story counts, top headlines.
 * `publication`, given when the bot serves several, goes with the "Top stories" button: a bare
 * `/top` would read the chat's own publication, not this issue's.
 */
export function* issueOverview(archived: ArchivedIssue, t: Translator = translatorFor(), publication?: string): Generator<Block> {
	const { issue } = archived;
	yield { type: 'heading', level: 1, spans: [{ text: issue.title }] };
	const meta = [issue.publication ?? issue.byline, formatIssueDate(issue.date, t), t.text('overview-issue-number', { number: String(archived.number) })].filter(Boolean).join(' · ');
	yield { type: 'paragraph', spans: [{ text: meta, italic: true }] };
	for (const block of issue.lead) {
		if (block.type === 'paragraph') yield { type: 'paragraph', spans: block.spans };
	}
	const counts = new Map<string, number>();
	for (const story of issue.stories) counts.set(story.section, (counts.get(story.section) ?? 0) + 1);
	const sectionItems: Span[][] = issue.sections
		.filter((section) => counts.has(section.title))
		.map((section) => {
			const count = counts.get(section.title) ?? 0;
			return [{ text: section.title, bold: true }, { text: ` — ${t.text('overview-story-count', { count })}` }];
		});
	if (sectionItems.length > 0) {
		yield { type: 'heading', level: 2, spans: [{ text: t.text('overview-sections') }] };
		yield { type: 'list', ordered: false, items: sectionItems };
	}
	const top = topStories(archived, 5);
	if (top.length > 0) {
		yield { type: 'heading', level: 2, spans: [{ text: t.text('overview-top-headlines') }] };
		yield { type: 'list', ordered: false, items: top.map((story) => storyHeadline(story, undefined, t)) };
	}
	const actions = top.slice(0, 3).map((story) => ({ label: t.text('button-story', { number: String(story.number) }), command: 'story', args: [String(story.number), issue.id] }));
	yield { type: 'actions', actions: [{ label: t.text('button-top-stories'), command: 'top', args: publication ? [publication] : [] }, ...actions] };
}

/** The issue's top stories, or its first editorial stories when it marks none as top; never a sponsor's. */
export function topStories(archived: ArchivedIssue, limit: number) {
	const editorial = archived.issue.stories.filter((story) => !story.sponsored);
	const marked = editorial.filter((story) => story.top);
	return (marked.length > 0 ? marked : editorial).slice(0, limit);
}
