import { splitFrontMatter } from '../../src/parser/front-matter.js';

const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The words of a Markdown digest's body that a reader sees: front matter, HTML, Liquid and MDX
 * syntax (components, `{expressions}`, kramdown's `{:toc}`), link destinations and reference
 * definitions are markup, not words of the issue.
 */
export function bodyWords(source: string): string[] {
	const body = splitFrontMatter(source.replace(/\r\n?/g, '\n')).body
		.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, ' ')
		.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
		.replace(/^(?:import|export)\s.*$/gm, ' ')
		.replace(/^[ \t]*:::[ \t]*[a-z]*/gm, ' ')
		.replace(/^[ \t]*[-*+][ \t]+TOC[ \t]*$/gm, ' ')
		.replace(/\{[^{}\n]*\}/g, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<\/?[A-Za-z][^>]*>/g, ' ')
		.replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
		.replace(/\]\([^)]*\)/g, '] ')
		.replace(/\]\[[^\]]*\]/g, '] ');
	return [...new Set(words(body))];
}

/** The words of `source`'s body that appear nowhere in `model` (an issue, or anything serialisable). */
export function missingWords(source: string, model: unknown): string[] {
	const present = new Set(words(JSON.stringify(model)));
	return bodyWords(source).filter((word) => !present.has(word));
}
