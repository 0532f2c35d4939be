import type { ArchivedIssue } from '../src/archive/archive.js';
import type { CommandContext } from '../src/command/command.js';
import type { Story } from '../src/model/issue.js';
import type { FailureBlock } from '../src/content/block.js';
import { failure } from '../src/i18n/failures.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { translatorFor, type Translator } from '../src/i18n/translator.js';

/**
 * Finds the issue a command refers to (the latest by default), or the failure to answer with.
 * The issue a command resolves is the one it shows, so this is where the reader's memory
 * (`/since`) learns of it.
 */
export function resolveIssue(context: Pick<CommandContext, 'archive' | 'reader'>, reference: string | undefined, t: Translator = translatorFor(), publication?: string): ArchivedIssue | FailureBlock {
	const { archive } = context;
	if (archive.list(publication).length === 0) return failure('no-issues', {}, t.locale);
	const found = archive.find(reference ?? 'latest', publication);
	if (found) {
		context.reader?.shown(found);
		return found;
	}
	const latest = archive.latest(publication);
	return failure('issue-not-found', {
		reference: (reference ?? '').slice(0, 40),
		...(latest ? { latest: `${latest.issue.id} (${formatIssueDate(latest.issue.date, t)})` } : {}),
	}, t.locale);
}

/** Narrows a resolution to its failure. */
export function isFailure<T extends object>(value: T | FailureBlock): value is FailureBlock {
	return 'type' in value && value.type === 'failure';
}

/** Finds a story of an issue by number, or the failure that lists the numbers there are. */
export function resolveStory(archived: ArchivedIssue, number: number): Story | FailureBlock {
	const stories = archived.issue.stories;
	const story = stories.find((candidate) => candidate.number === number);
	if (story) return story;
	const numbers = stories.map((candidate) => candidate.number);
	return failure('story-not-found', { number, issueTitle: archived.issue.title, first: Math.min(...numbers), last: Math.max(...numbers) });
}
