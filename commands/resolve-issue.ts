import type { ArchivedIssue } from '../src/archive/archive.js';
import type { CommandContext } from '../src/command/command.js';
import type { Story } from '../src/model/issue.js';
import type { Block, FailureBlock } from '../src/content/block.js';
import { failure } from '../src/i18n/failures.js';
import { formatIssueDate } from '../src/present/story-card.js';
import { translatorFor, type Translator } from '../src/i18n/translator.js';
import { resolvePublicationScope, type PublicationScope } from './publication-scope.js';

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

/** An issue and the publication scope it was found in, or what to answer instead (a failure, a chooser). */
export type ScopedIssue = { readonly archived: ArchivedIssue; readonly scope: PublicationScope } | { readonly answer: readonly Block[] };

/**
 * The issue a command reads (`/story 3`, `/sources 2 2026-03-03`, `/section Policy`, `/issue 3`). An
 * issue id names one issue whichever publication it is in (the buttons under posts and answers
 * carry ids), so it needs no publication. A number, a date or no issue at all means the
 * publication named, else the chat's own, else the only one; with several and none of the
 * chat's, "story 3" is ambiguous, so the reader gets the chooser (`again` runs the command again).
 */
export async function resolveScopedIssue(
	context: Pick<CommandContext, 'archive' | 'reader' | 'publications' | 'subscriptions' | 'chat'>,
	reference: string | undefined,
	publication: string | undefined,
	again: { readonly command: string; readonly args?: readonly string[] },
	t: Translator,
): Promise<ScopedIssue> {
	const catalogue = context.publications;
	const byId = reference !== undefined && publication === undefined ? context.archive.get(reference) : undefined;
	let scope: PublicationScope;
	if (byId) {
		const found = catalogue.several() ? catalogue.find(byId.publication) : undefined;
		scope = { slug: byId.publication, ...(found ? { publication: found } : {}) };
	} else {
		const chosen = await resolvePublicationScope(context, publication, again, t);
		if ('answer' in chosen) return chosen;
		scope = chosen.scope;
	}
	const archived = resolveIssue(context, reference, t, scope.slug);
	return isFailure(archived) ? { answer: [archived] } : { archived, scope };
}
