import type { Issue, ParseWarning } from '../model/issue.js';
import type { StoryRule } from './shapes/story-rules.js';

/** What parsing one digest gives: the issue, what was odd about it, and how it was read. */
export interface ParsedIssue {
	readonly issue: Issue;
	readonly warnings: ParseWarning[];
	/** How the parser read the issue, for `parse --explain`; not part of the archived model. */
	readonly explanation: IssueExplanation;
}

export interface IssueExplanation {
	/** Where the date came from ("the front matter date field", "the file name"…), if any. */
	readonly dateSource?: string;
	/** One entry per story, in the order of `issue.stories`. */
	readonly stories: readonly { readonly number: number; readonly rule: StoryRule; readonly sponsored: boolean }[];
}
