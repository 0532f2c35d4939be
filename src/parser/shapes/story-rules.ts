/**
 * The rules that make a story, one per shape a digest writes them in. `parse --explain` names,
 * for each story, the rule that produced it; the README lists them.
 */
export const storyRules = {
	'numbered-heading': 'a heading numbered 1), 2), … in order: a top story',
	heading: 'a heading with prose under it (deeper headings under a shallower one are its stories)',
	'prose-heading-level': 'a heading at the level where most of the issue\'s headings carry prose: the bold lines under it are its own',
	'top-list-item': 'an item of the ordered list under a "Top Stories" / "Headlines" section',
	'list-item': 'a list item, titled by its leading link, its bold lead-in or its first sentence',
	'titled-paragraph': 'a paragraph whose first line is wholly bold or a link, text on the lines below',
	'bold-line': 'a line wholly in bold (or one link) standing alone, with prose under it',
	'numbered-paragraph': 'a paragraph starting "1.", "1、": one story per number',
	'lead-in-paragraph': 'a paragraph opening with a bold lead-in ("**Headline:** text")',
} as const;

export type StoryRule = keyof typeof storyRules;
