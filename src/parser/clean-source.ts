/**
 * Template fragments that some publishers leave in their Markdown. They are removed before
 * parsing so that they are never shown raw to a reader. HTML needs no such step: markdown-it
 * recognises it and the block reader drops it.
 */
const liquidTag = /\{%[\s\S]*?%\}/g;
const liquidOutput = /\{\{[\s\S]*?\}\}/g;
const mdxModuleLine = /^(?:import|export)\s[^\n]*?(?:\sfrom\s+['"][^'"\n]+['"]|=)[^\n]*$/gm;
const mdxComment = /\{\/\*[\s\S]*?\*\/\}/g;
/** Docusaurus admonitions (`:::tip Title` … `:::`): the fences go, their text and title stay. */
const admonitionFence = /^[ \t]*:::[ \t]*(?:[a-z]+\b)?[ \t]*(?:\[(.*)\]|(.*))?$/gm;

/** Removes Liquid tags, MDX import/export lines, MDX comments and admonition fences, keeping line numbers intact. */
export function cleanSource(source: string): string {
	const blankKeepingLines = (fragment: string): string => fragment.replace(/[^\n]/g, '');
	return source
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.replace(liquidTag, blankKeepingLines)
		.replace(liquidOutput, blankKeepingLines)
		.replace(mdxModuleLine, '')
		.replace(mdxComment, blankKeepingLines)
		.replace(admonitionFence, (_fence, bracketed: string | undefined, title: string | undefined) => (bracketed ?? title ?? '').trim());
}
