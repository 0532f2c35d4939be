import type { ArchivedIssue } from '../../archive/archive.js';
import type { Block } from '../../content/block.js';
import type { Span } from '../../content/span.js';
import type { Translator } from '../../i18n/translator.js';
import { titleIn } from '../../present/issue-content.js';
import type { IssueChanges } from './issue-changes.js';

/** Titles named per kind of change; the rest is a count, so a heavily reworked issue still gets a short post. */
const namedTitles = 5;

function titles(items: readonly string[], t: Translator): string {
	const named = items.slice(0, namedTitles).map((title) => `“${title}”`);
	const more = items.length - named.length;
	return t.list(more > 0 ? [...named, t.text('correction-more', { count: more })] : named);
}

/**
 * The short post sent where an edit is impossible: which stories changed, were added or
 * removed, and how to read the issue as it is now; titled as the post was (`titleIn`).
 */
export function correctionNotice(archived: ArchivedIssue, changes: IssueChanges | undefined, t: Translator, publicationName?: string): Block[] {
	const parts = [
		...(changes && changes.changed.length > 0 ? [t.text('correction-changed', { stories: titles(changes.changed, t) })] : []),
		...(changes && changes.added.length > 0 ? [t.text('correction-added', { stories: titles(changes.added, t) })] : []),
		...(changes && changes.removed.length > 0 ? [t.text('correction-removed', { stories: titles(changes.removed, t) })] : []),
		...(changes?.frame ? [t.text('correction-frame')] : []),
	];
	const what = parts.length > 0 ? parts.join('; ') : t.text('correction-updated');
	const spans: Span[] = [{ text: t.text('correction-notice', { title: titleIn(archived.issue.title, publicationName) }), bold: true }, { text: ` ${what}.` }];
	return [
		{ type: 'paragraph', spans },
		{ type: 'paragraph', spans: [{ text: t.text('correction-read-again', { issue: archived.issue.id }), italic: true }] },
	];
}
