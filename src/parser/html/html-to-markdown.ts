import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';
import { styledStoryTitles } from './visual-hierarchy.js';
import { isBoilerplateBlock, isHiddenElement, isShareBar, isSocialButton, isTrackingPixel, type HtmlNode } from './email-chrome.js';

/*
 * Newsletters written in an editor (Substack, beehiiv, Buttondown, Ghost, an email archive page)
 * publish HTML. It is turned into Markdown here, and the Markdown parser reads it as it reads
 * any digest: one parser, one set of story rules, whatever the issue was written in.
 *
 * turndown converts the HTML; the rules below remove what an email carries besides the issue
 * (scripts, styles, hidden preheaders, tracking pixels, "view in browser" and unsubscribe
 * footers, share buttons) and read email layout tables as the blocks they lay out.
 */

const dropped = ['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'iframe', 'object', 'embed', 'svg', 'form', 'button', 'input', 'select', 'textarea', 'canvas', 'audio', 'video', 'footer', 'nav', 'aside'] as const;

/** A turndown filter receives a DOM node; this project compiles without the DOM's types. */
const asNode = (node: unknown): HtmlNode => node as HtmlNode;

function createConverter(): TurndownService {
	const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', strongDelimiter: '**', emDelimiter: '_', codeBlockStyle: 'fenced', hr: '---' });
	service.use(gfm);
	// Rules added later win over earlier ones (turndown puts them first), so these come after gfm.
	service.remove([...dropped]);
	service.addRule('layout-table', {
		filter: (node) => isLayoutPart(asNode(node)),
		replacement: (content) => `\n\n${content}\n\n`,
	});
	service.addRule('bold-by-style', {
		filter: (node) => isBoldByStyle(asNode(node)),
		replacement: (content) => (content.trim() === '' || content.includes('\n') ? content : `**${content}**`),
	});
	service.addRule('image-alt', {
		filter: 'img',
		replacement: (_content, node) => {
			const alt = (asNode(node).getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
			return alt === '' ? '' : service.escape(alt);
		},
	});
	service.addRule('plain-link', {
		// A link that is not to the web (javascript:, mailto:, #anchor) is its text; so is one
		// wrapped round blocks, which Markdown cannot express and turndown would break.
		filter: (node) => {
			const element = asNode(node);
			if (element.nodeName !== 'A') return false;
			return !/^https?:\/\//i.test((element.getAttribute('href') ?? '').trim()) || Boolean(element.querySelector('p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, table, blockquote'));
		},
		replacement: (content) => content,
	});
	service.addRule('styled-story-title', {
		// Table-layout e-mails set their story titles in large bold type instead of headings.
		filter: (node) => {
			const element = asNode(node);
			const root = element.ownerDocument;
			return root ? styledStoryTitles(root).has(element) : false;
		},
		replacement: (content, node) => {
			const text = content.replace(/\s+/g, ' ').trim();
			if (text === '') return '';
			const href = (asNode(node).getAttribute('href') ?? '').trim();
			return `\n\n## ${/^https?:\/\//i.test(href) ? `[${text}](${href})` : text}\n\n`;
		},
	});
	service.addRule('email-chrome', {
		filter: (node) => {
			const element = asNode(node);
			return isHiddenElement(element) || isTrackingPixel(element) || isSocialButton(element) || isShareBar(element) || isBoilerplateBlock(element);
		},
		replacement: () => '',
	});
	return service;
}

/** Email layouts nest tables for columns and spacing; only a table with header cells holds data. */
function isLayoutPart(node: HtmlNode): boolean {
	const name = node.nodeName;
	if (name !== 'TABLE' && name !== 'TBODY' && name !== 'THEAD' && name !== 'TFOOT' && name !== 'TR' && name !== 'TD' && name !== 'TH') return false;
	const table = name === 'TABLE' ? node : closestTable(node);
	return table === undefined || isLayoutTable(table);
}

function closestTable(node: HtmlNode): HtmlNode | undefined {
	for (let parent = node.parentNode; parent; parent = parent.parentNode) if (parent.nodeName === 'TABLE') return parent;
	return undefined;
}

function isLayoutTable(table: HtmlNode): boolean {
	if ((table.getAttribute('role') ?? '').toLowerCase() === 'presentation') return true;
	if (table.querySelector('table')) return true;
	return !table.querySelector('th');
}

function isBoldByStyle(node: HtmlNode): boolean {
	if (node.nodeName !== 'SPAN' && node.nodeName !== 'FONT') return false;
	return /font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i.test(node.getAttribute('style') ?? '');
}

let converter: TurndownService | undefined;

/**
 * Converts an HTML issue (a whole email or page, or a fragment such as a feed item's content)
 * to Markdown the digest parser reads. The title is the document's own statement of it, in
 * this order of trust: `<title>` (an email's subject), `og:title`, then the main heading (left
 * to the parser). A logo's alt text in an `<h1>`, a preheader or the file name never wins over
 * a stated title.
 */
export function htmlToMarkdown(html: string): string {
	// The converter holds no state between calls; building it once keeps a feed of many items cheap.
	converter ??= createConverter();
	const markdown = converter.turndown(mainContent(html));
	const title = documentTitle(html, converter);
	const body = tidy(markdown);
	const firstH1 = /^#\s+(.*)$/m.exec(body)?.[1];
	// With no <h1> the title becomes the heading, as an email's subject is its issue title; an
	// <h1> that says something else (a logo, a headline among several) stays in the body.
	const titled = title && firstH1 === undefined ? `# ${title}\n\n${body}` : body;
	const fields: string[] = [];
	if (title && firstH1 !== undefined && !namesSameIssue(firstH1, title)) fields.push(`title: ${JSON.stringify(unescapeMarkdown(title))}`);
	const published = publishedDate(html);
	// The page's stated publication date reaches the parser as the field it is, not as body text.
	if (published) fields.push(`date: "${published}"`);
	return fields.length > 0 ? `---\n${fields.join('\n')}\n---\n\n${titled}` : titled;
}

/** A front matter field is plain text, not Markdown: turndown's escapes come off. */
const unescapeMarkdown = (markdown: string): string => markdown.replace(/\\([\\`*_{}[\]()#+\-.!>~|<])/g, '$1');

/** "Weekly Garden 5 | Plot & Pot": a page's title is often its heading plus the site's name. */
function namesSameIssue(heading: string, title: string): boolean {
	return sameWords(heading, title) || sameWords(heading, title.split(/\s+[|–—·-]\s+/u)[0]!);
}

/** Compared as words, so "# **Title**" in the body repeats a `<title>` of "Title". */
function sameWords(a: string, b: string): boolean {
	const words = (value: string): string => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
	return words(a) === words(b);
}

/**
 * An archive page wraps the issue in the site's header, menus and related posts; when it marks
 * the issue as its one `<article>` (or `<main>`), only that is read.
 */
function mainContent(html: string): string {
	for (const tag of ['article', 'main']) {
		const opens = html.match(new RegExp(`<${tag}[\\s>]`, 'gi'))?.length ?? 0;
		if (opens !== 1) continue;
		const start = html.search(new RegExp(`<${tag}[\\s>]`, 'i'));
		const end = html.toLowerCase().lastIndexOf(`</${tag}>`);
		if (end > start) return html.slice(start, end + tag.length + 3);
	}
	return html;
}

const publishedMeta = /<meta\s[^>]*(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datepublished|pubdate|publish[-_]date|dc\.date)["'][^>]*>/i;

/** `<meta property="article:published_time" content="2026-08-14T05:44:39Z">`, as archive pages state it. */
function publishedDate(html: string): string | undefined {
	const meta = publishedMeta.exec(html)?.[0];
	const content = meta ? /\scontent\s*=\s*["']([^"']{4,40})["']/i.exec(meta)?.[1] : undefined;
	return content && /^[\w:.+\- ]+$/.test(content) ? content.trim() : undefined;
}

const ogTitle = /<meta\s[^>]*(?:property|name)\s*=\s*["']og:title["'][^>]*>/i;

/** The `<title>`'s text, else `og:title`'s, as Markdown: turndown decodes their entities and escapes what Markdown would read. */
function documentTitle(html: string, service: TurndownService): string | undefined {
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const meta = ogTitle.exec(html)?.[0];
	const og = meta ? /\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta) : undefined;
	for (const candidate of [title, og?.[1] ?? og?.[2]]) {
		if (candidate === undefined) continue;
		const text = service.turndown(`<p>${candidate}</p>`).replace(/\s+/g, ' ').trim();
		if (text !== '') return text;
	}
	return undefined;
}

/** Invisible spacers emails pad their preheader with, and the blank lines layout leaves. */
function tidy(markdown: string): string {
	return markdown
		.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]|\u034f/g, '')
		.replace(/\u00a0/g, ' ')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
