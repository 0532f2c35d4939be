/**
 * Template fragments that some publishers leave in their Markdown. They are removed before
 * parsing so that they are never shown raw to a reader. HTML needs no such step: markdown-it
 * recognises it and the block reader drops it.
 */
const liquidTag = /\{%[\s\S]*?%\}/g;
const liquidOutput = /\{\{[\s\S]*?\}\}/g;
const mdxModuleLine = /^(?:import|export)\s[^\n]*?(?:\sfrom\s+['"][^'"\n]+['"]|=)[^\n]*$/gm;
const mdxComment = /\{\/\*[\s\S]*?\*\/\}/g;
/** An MDX component tag (`<Badge text="new" variant={"tip"} />`): capitalised, unlike HTML, and not always valid HTML. */
const jsxTag = /(?<![\w:`<])<\/?[A-Z][\w.]*(?:\s(?:[^<>{}]|\{[^{}]*\})*)?\/?>/g;
/** An MDX expression reading a value (`{frontmatter.title}`); a dot is required so literal braces in prose survive. */
const mdxExpression = /\{[A-Za-z_$][\w$]*(?:\.[\w$]+)+\}/g;
const fencedCode = /(^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[ \t]*$)/m;
/** Table-of-contents markers: kramdown's `* TOC` + `{:toc}`, Python-Markdown's `[TOC]`, GitLab's `[[_TOC_]]`; and kramdown attribute lines. */
const tocMarker = /^(?:[ \t]*(?:[-*+]|1\.)[ \t]+TOC[ \t]*\n)?[ \t]*\{:[^}\n]*\}[ \t]*$|^[ \t]*\[(?:TOC|\[_?TOC_?\]|\[toc\])\][ \t]*$/gim;
/** Docusaurus admonitions (`:::tip Title` … `:::`): the fences go, their text and title stay. */
const admonitionFence = /^[ \t]*:::[ \t]*(?:[a-z]+\b)?[ \t]*(?:\[(.*)\]|(.*))?$/gm;

const headingAnchor = /^(#{1,6}[ \t].*?)[ \t]*\{#[\w-]+\}[ \t]*$/gm;
const blankKeepingLines = (fragment: string): string => fragment.replace(/[^\n]/g, '');

/**
 * Each step runs only when a cheap test says its syntax may be present: most issues carry none
 * of it, and the parser's throughput is measured on one that carries none (bench/ingest.ts).
 */
const steps: readonly { readonly present: RegExp; readonly apply: (source: string) => string }[] = [
	{ present: /\{[%{]/, apply: (source) => source.replace(liquidTag, blankKeepingLines).replace(liquidOutput, blankKeepingLines) },
	{ present: /^(?:import|export)\s/m, apply: (source) => source.replace(mdxModuleLine, '') },
	{ present: /\{\/\*/, apply: (source) => source.replace(mdxComment, blankKeepingLines) },
	{ present: /\{:|\[\[?_?toc/i, apply: (source) => source.replace(tocMarker, blankKeepingLines) },
	{
		present: /<\/?[A-Z]|\{[A-Za-z_$][\w$]*\./,
		apply: (source) =>
			source
				.split(fencedCode)
				// split() with a capturing group puts the fenced blocks at odd indexes: code keeps its tags.
				.map((part, index) => (index % 2 === 1 ? part : part.replace(jsxTag, blankKeepingLines).replace(mdxExpression, '')))
				.join(''),
	},
	// "## 💸 Sponsor {#sponsor1}": a heading's anchor id (kramdown, MDX, Pandoc) is not part of its text.
	{ present: /\{#[\w-]+\}/, apply: (source) => source.replace(headingAnchor, '$1') },
	{ present: /:::/, apply: (source) => source.replace(admonitionFence, (_fence, bracketed: string | undefined, title: string | undefined) => (bracketed ?? title ?? '').trim()) },
];

/** Removes Liquid tags, MDX syntax (imports, comments, components, expressions), admonition fences and TOC markers, keeping line numbers intact. */
export function cleanSource(source: string): string {
	let out = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	for (const step of steps) if (step.present.test(out)) out = step.apply(out);
	return out;
}
