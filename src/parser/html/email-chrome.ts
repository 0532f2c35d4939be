/*
 * What an email or archive page carries besides the issue itself: hidden preheaders, tracking
 * pixels, share and follow buttons, "view in browser" links and unsubscribe footers. Each
 * predicate looks at one DOM element; the HTML converter drops what they match.
 */

/** The part of a DOM element the predicates read (turndown hands over domino's elements). */
export interface HtmlNode {
	readonly nodeName: string;
	readonly textContent: string | null;
	readonly parentNode: HtmlNode | null;
	/** The document the element belongs to, where document-wide readings (the type hierarchy) are made. */
	readonly ownerDocument?: HtmlNode | null;
	getAttribute(name: string): string | null;
	/** domino answers undefined, not null, when nothing matches: test it for truthiness. */
	querySelector(selector: string): HtmlNode | null | undefined;
	querySelectorAll(selector: string): ArrayLike<HtmlNode>;
}

const hiddenStyle = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0(?:px)?\s*(?:;|$|!)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|font-size\s*:\s*0(?:px)?\s*(?:;|$|!))/i;

/** Class names editors give their own widgets: subscribe boxes, share bars, the footer. */
const chromeClass = /(?:^|\s)(?:preheader|preview-text|subscription-widget[\w-]*|subscribe-(?:widget|box|cta)|share-(?:buttons?|bar|widget)|social-(?:icons?|links|buttons?)|email-footer|footer)(?:\s|$)/i;

/** A preheader (the inbox preview line), an editor's own widget, and anything the reader never sees. */
export function isHiddenElement(node: HtmlNode): boolean {
	if (node.getAttribute('hidden') !== null || node.getAttribute('aria-hidden') === 'true') return true;
	if (chromeClass.test(node.getAttribute('class') ?? '')) return true;
	return hiddenStyle.test(node.getAttribute('style') ?? '');
}

const pixelSource = /(?:pixel|beacon|track(?:ing)?|\/open(?:ed)?\b|\/o\.gif|\/e\/o\/|mailtrack)/i;

/** An image of a pixel or less, or an unlabelled image from an open-tracking URL. */
export function isTrackingPixel(node: HtmlNode): boolean {
	if (node.nodeName !== 'IMG') return false;
	const style = node.getAttribute('style') ?? '';
	const tiny = (value: string | null | undefined): boolean => value !== null && value !== undefined && /^\s*[01](?:px)?\s*$/.test(value);
	if (tiny(node.getAttribute('width')) || tiny(node.getAttribute('height'))) return true;
	if (tiny(/(?:^|;)\s*width\s*:\s*([^;]+)/i.exec(style)?.[1]) || tiny(/(?:^|;)\s*height\s*:\s*([^;]+)/i.exec(style)?.[1])) return true;
	return (node.getAttribute('alt') ?? '').trim() === '' && pixelSource.test(node.getAttribute('src') ?? '');
}

const shareHref =
	/(?:twitter\.com\/intent|x\.com\/intent|facebook\.com\/sharer|linkedin\.com\/(?:sharing|shareArticle)|reddit\.com\/submit|news\.ycombinator\.com\/submitlink|wa\.me\/\?|api\.whatsapp\.com\/send|t\.me\/share|bsky\.app\/intent|threads\.net\/intent|[?&]action=(?:share|restack|like|comment)\b|\/share\/?(?:\?|$)|^mailto:\?)/i;
const socialHost = /^https?:\/\/(?:www\.)?(?:twitter\.com|x\.com|facebook\.com|linkedin\.com|instagram\.com|youtube\.com|tiktok\.com|threads\.net|bsky\.app|mastodon\.social|github\.com|discord\.gg|t\.me)\//i;
const networkName = /^(?:x|twitter|facebook|linkedin|instagram|youtube|tiktok|threads|bluesky|mastodon|github|discord|telegram|whatsapp|messenger|pinterest|reddit|rss|e-?mail|mail)(?: icon| logo)?$/i;
const buttonText =
	/^(?:share|share this(?: post| issue| email)?|share on \w+|tweet|like|comment|comments|restack|reply|forward|forward to a friend|follow(?: us)?(?: on \w+)?|subscribe|subscribe now|upgrade to paid|get the app|open in app|leave a comment)$/i;

/** A share or follow button: a share-intent link, or a link that is only a network's name or a button word. */
export function isSocialButton(node: HtmlNode): boolean {
	if (node.nodeName !== 'A') return false;
	const href = node.getAttribute('href') ?? '';
	if (shareHref.test(href)) return true;
	const label = visibleLabel(node);
	if (buttonText.test(label)) return true;
	return socialHost.test(href) && (label === '' || networkName.test(label));
}

/** The words around a share bar's buttons ("Share on", "Partager sur"): a few at most. */
const maxShareBarText = 40;

/**
 * A row of two or more links that are only networks' names ("Facebook", "WhatsApp", "E-mail"),
 * whatever their address: e-mails route every link through a click tracker, so the label is
 * what tells a share bar from a story's links.
 */
export function isShareBar(node: HtmlNode): boolean {
	if (!blockNames.has(node.nodeName)) return false;
	const links = Array.from(node.querySelectorAll('a'));
	if (links.length < 2 || node.querySelector('h1, h2, h3, h4, h5, h6')) return false;
	if (!links.every((link) => networkName.test(visibleLabel(link)))) return false;
	const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
	const outside = links.reduce((rest, link) => rest.replace((link.textContent ?? '').replace(/\s+/g, ' ').trim(), ''), text);
	return outside.replace(/\s+/g, ' ').trim().length <= maxShareBarText;
}

/** A link's text, or the alt text of the image it wraps. */
function visibleLabel(node: HtmlNode): string {
	const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
	if (text !== '') return text;
	const image = node.querySelector('img');
	return (image?.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
}

const chromePhrase = /unsubscribe|opt[ -]?out|manage (?:your )?(?:subscription|preferences|email)|update (?:your )?(?:preferences|subscription)|email (?:preferences|settings)|view (?:this )?(?:email |issue |post )?(?:in|on) (?:your |a |the )?(?:browser|web)|view (?:it |this )?online|open in (?:your |a )?browser/i;
const chromeHref = /\/unsubscribe|list-manage\.com\/(?:unsubscribe|profile)|[?&/]unsub\b|\/preferences\b/i;
const blockNames = new Set(['P', 'DIV', 'TD', 'TR', 'TABLE', 'TBODY', 'SECTION', 'CENTER', 'SPAN', 'SMALL', 'LI', 'UL']);
/** A footer is a few lines; a longer block (or one with a heading) holds the issue, even if a footer sits inside it. */
const maxChromeLength = 300;

/** A link that is only this is chrome wherever it stands ("Read online" at the top of a beehiiv email). */
const chromeOnlyLink = /^(?:read|view) (?:it |this (?:email |issue )?)?online$|^powered by \w+$/i;
/** The words of a footer around its links: who sent it, why, and where from. */
const footerCue = /©|\bcopyright\b|receiv(?:ed|ing) this|you (?:are|were|'re) (?:getting|receiving)|\bsubscribed\b|signed up|no longer (?:want|wish)|\bsent to\b|this email was|powered by|mailing address|why did i get/i;

/** "Unsubscribe", "View in browser", "Manage preferences": a link that is the phrase, not a story that mentions it. */
function isChromeLink(link: HtmlNode): boolean {
	const text = visibleLabel(link);
	const words = text.split(' ').length;
	if (words > 6) return false;
	return chromePhrase.test(text) || chromeOnlyLink.test(text) || (chromeHref.test(link.getAttribute('href') ?? '') && words <= 3);
}

/**
 * A chrome link is dropped on its own; a short block around one goes with it when the rest of it
 * is footer talk (the address, "you are receiving this") or nothing but links. The link is
 * required so that a story that merely mentions unsubscribing is never dropped, and a meta line
 * ("By Ana – 14 Aug 2026 – View in browser") keeps its date.
 */
export function isBoilerplateBlock(node: HtmlNode): boolean {
	if (node.nodeName === 'A') return isChromeLink(node);
	if (!blockNames.has(node.nodeName)) return false;
	const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
	if (text.length > maxChromeLength || node.querySelector('h1, h2, h3, h4, h5, h6')) return false;
	const links = Array.from(node.querySelectorAll('a'));
	if (!links.some(isChromeLink)) return false;
	const outsideLinks = links.reduce((rest, link) => rest.replace((link.textContent ?? '').replace(/\s+/g, ' ').trim(), ' '), text);
	return footerCue.test(text) || /^[\s|·•–—\-,.]*$/u.test(outsideLinks);
}
