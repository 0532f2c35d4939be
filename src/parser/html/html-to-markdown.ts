import { gfm } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';
import { isBoilerplateBlock, isHiddenElement, isSocialButton, isTrackingPixel, type HtmlNode } from './email-chrome.js';

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
	service.addRule('email-chrome', {
		filter: (node) => {
			const element = asNode(node);
			return isHiddenElement(element) || isTrackingPixel(element) || isSocialButton(element) || isBoilerplateBlock(element);
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
 * to Markdown the digest parser reads. The document's `<title>` becomes the heading when the
 * body has no `<h1>`, as an email's subject is its issue title.
 */
export function htmlToMarkdown(html: string): string {
	// The converter holds no state between calls; building it once keeps a feed of many items cheap.
	converter ??= createConverter();
	const markdown = converter.turndown(mainContent(html));
	const title = documentTitle(html, converter);
	const body = tidy(markdown);
	const titled = title && !/^#\s/m.test(body) ? `# ${title}\n\n${body}` : body;
	const published = publishedDate(html);
	// The page's stated publication date reaches the parser as the field it is, not as body text.
	return published ? `---\ndate: "${published}"\n---\n\n${titled}` : titled;
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

/** The `<title>`'s text as Markdown: turndown decodes its entities and escapes what Markdown would read. */
function documentTitle(html: string, service: TurndownService): string | undefined {
	const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
	if (!match) return undefined;
	const text = service.turndown(`<p>${match[1]!}</p>`).replace(/\s+/g, ' ').trim();
	return text === '' ? undefined : text;
}

/** Invisible spacers emails pad their preheader with, and the blank lines layout leaves. */
function tidy(markdown: string): string {
	return markdown
		.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]|\u034f/g, '')
		.replace(/\u00a0/g, ' ')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}
