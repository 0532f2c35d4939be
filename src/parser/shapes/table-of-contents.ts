/*
 * "In this issue" lists and lists of `#anchor` links point into the issue itself: they repeat
 * the stories' titles, so they are kept as the issue's lead, never read as stories.
 */

/** Headings of a table of contents. */
export const contentsHeading = /^(?:table of contents|contents|toc|in this (?:issue|edition|newsletter|week'?s issue)|in today'?s (?:issue|edition)|inside this issue|what'?s inside|this week'?s issue|本期目录|目录)\s*:?$/iu;
