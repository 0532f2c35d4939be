import type { HtmlNode } from './email-chrome.js';

/*
 * A table-layout e-mail often has no headings at all: its story titles are links or cells set
 * large and bold by inline styles ("font-weight:900;font-size:175%"). A reader sees the
 * hierarchy in the type; this reads it from the same styles. The most prominent style that
 * repeats is the story title's; anything smaller is inside a story and stays text there.
 */

/** Elements an e-mail styles as a title; blocks around them (tables, rows) are layout. */
const titleElements = new Set(['A', 'TD', 'TH', 'SPAN', 'DIV', 'P', 'FONT', 'STRONG', 'B']);
/** A title is a line, not a paragraph. */
const maxTitleWords = 25;
/** Relative to the 16 px body text of an e-mail client: 1.25 is 20 px. */
const minTitleSize = 1.25;
/** Large type without bold is a title only when it is this much larger. */
const minPlainTitleSize = 1.5;
const keywordSizes: Record<string, number> = { 'x-small': 0.6, small: 0.8, medium: 1, large: 1.2, 'x-large': 1.5, 'xx-large': 2, 'xxx-large': 3 };

interface Prominence {
	readonly size: number;
	readonly bold: boolean;
}

/** The font size an inline style declares, as a multiple of body text; undefined when it declares none. */
function fontSize(style: string): number | undefined {
	const declared = /(?:^|;)\s*font-size\s*:\s*([^;!]+)/i.exec(style)?.[1] ?? /(?:^|;)\s*font\s*:[^;]*?(\d[\d.]*(?:px|pt|em|rem|%))/i.exec(style)?.[1];
	if (!declared) return undefined;
	const value = declared.trim().toLowerCase();
	if (value in keywordSizes) return keywordSizes[value];
	const match = /^([\d.]+)\s*(px|pt|em|rem|%)$/.exec(value);
	if (!match) return undefined;
	const number = Number(match[1]);
	switch (match[2]) {
		case 'px':
			return number / 16;
		case 'pt':
			return number / 12;
		case '%':
			return number / 100;
		default:
			return number;
	}
}

function prominenceOf(node: HtmlNode): Prominence | undefined {
	if (!titleElements.has(node.nodeName)) return undefined;
	const style = node.getAttribute('style') ?? '';
	const size = fontSize(style);
	if (size === undefined || size < minTitleSize) return undefined;
	const bold = /(?:^|;)\s*font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i.test(style) || /(?:^|;)\s*font\s*:[^;]*\b(?:bold|[6-9]00)\b/i.test(style);
	if (!bold && size < minPlainTitleSize) return undefined;
	const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
	if (text === '' || text.split(' ').length > maxTitleWords) return undefined;
	if (node.querySelector('p, div, table, ul, ol, li, h1, h2, h3, h4, h5, h6, blockquote')) return undefined;
	return { size, bold };
}

const cache = new WeakMap<object, ReadonlySet<HtmlNode>>();

/**
 * The elements of `root` styled as story titles: those of the most prominent style that occurs
 * at least twice, in a document with no `<h1>`–`<h3>` of its own (headings say it better).
 */
export function styledStoryTitles(root: HtmlNode): ReadonlySet<HtmlNode> {
	const cached = cache.get(root);
	if (cached) return cached;
	const titles = new Set<HtmlNode>();
	cache.set(root, titles);
	if (root.querySelector('h1, h2, h3')) return titles;
	const levels = new Map<string, { prominence: Prominence; nodes: HtmlNode[] }>();
	for (const node of Array.from(root.querySelectorAll('[style]'))) {
		const prominence = prominenceOf(node);
		if (!prominence) continue;
		const key = `${prominence.size.toFixed(2)}|${prominence.bold}`;
		const level = levels.get(key) ?? { prominence, nodes: [] };
		level.nodes.push(node);
		levels.set(key, level);
	}
	const repeated = [...levels.values()].filter((level) => level.nodes.length >= 2);
	repeated.sort((a, b) => b.prominence.size - a.prominence.size || Number(b.prominence.bold) - Number(a.prominence.bold));
	const top = repeated[0];
	if (!top) return titles;
	for (const node of top.nodes) if (!hasAncestorIn(node, top.nodes)) titles.add(node);
	return titles;
}

function hasAncestorIn(node: HtmlNode, nodes: readonly HtmlNode[]): boolean {
	for (let parent = node.parentNode; parent; parent = parent.parentNode) if (nodes.includes(parent)) return true;
	return false;
}
