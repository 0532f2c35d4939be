import { stringify as stringifyYaml } from 'yaml';
import { DigestParseError } from '../errors/digest-parse-error.js';
import type { Issue } from '../model/issue.js';
import { htmlToMarkdown } from '../parser/html/html-to-markdown.js';
import { parseIssue } from '../parser/parse-issue.js';
import type { FeedItem } from './feed-document.js';

export interface ItemIssue {
	readonly issue: Issue;
	/** The Markdown document the issue was read from: what the archive hashes to tell an edit from a repeat. */
	readonly document: string;
}

/**
 * Turns a feed item into an issue with the same parser a digest file goes through: the item's
 * HTML is converted to Markdown by the HTML ingest's converter, its title and date become front
 * matter, and the Markdown parser finds the stories. A post with no story structure at all (one
 * article, no headings) is read as a single story under its own title rather than refused: a
 * feed item is an issue by definition. Throws DigestParseError when nothing readable is left.
 */
export function readItemIssue(item: FeedItem, options: { readonly file: string; readonly publication?: string }): ItemIssue {
	const body = item.html ? htmlToMarkdown(item.html) : (item.text ?? '');
	if (body.trim() === '') throw new DigestParseError('empty', 'the item has no content', options.file);
	// Untitled items exist (microblogs): the publication and the date name them, not the pseudo file name.
	const title = item.title?.trim() || (options.publication ? `${options.publication} ${item.date?.slice(0, 10) ?? ''}`.trim() : undefined);
	const frontMatter = { ...(title ? { title } : {}), ...(item.date ? { date: item.date.slice(0, 10) } : {}) };
	const head = Object.keys(frontMatter).length > 0 ? `---\n${stringifyYaml(frontMatter).trimEnd()}\n---\n\n` : '';
	let document = `${head}${body.trim()}\n`;
	let parsed: Issue;
	try {
		parsed = parseIssue(document, { file: options.file, format: 'markdown' }).issue;
	} catch (error) {
		if (!(error instanceof DigestParseError) || error.reason !== 'not-markdown' || !title) throw error;
		// The parser skips a heading that repeats the issue's title, so the story is opened under
		// a placeholder heading and given the post's title afterwards.
		document = `${head}## ${placeholder}\n\n${body.trim()}\n`;
		parsed = renamePlaceholder(parseIssue(document, { file: options.file, format: 'markdown' }).issue, title);
	}
	const issue: Issue = {
		...parsed,
		...(item.link ? { link: item.link } : {}),
		...(options.publication && !parsed.publication ? { publication: options.publication } : {}),
		...(item.author && !parsed.byline ? { byline: item.author } : {}),
	};
	return { issue, document };
}

const placeholder = 'Feed item story';

function renamePlaceholder(issue: Issue, title: string): Issue {
	const rename = (value: string): string => (value === placeholder ? title : value);
	return {
		...issue,
		sections: issue.sections.map((section) => ({ ...section, title: rename(section.title) })),
		stories: issue.stories.map((story) => ({ ...story, title: rename(story.title), section: rename(story.section) })),
	};
}
