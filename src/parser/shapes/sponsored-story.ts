import { plainText, type Span } from '../../content/span.js';

/*
 * Sponsored items are stories of their own kind: kept and labelled, never among the top. A
 * title marks one when it says so up front or in brackets ("Sponsored: …", "[Sponsor] …",
 * "… (Sponsor)", "💸 …", "Presented by …"); a section when its heading is about sponsors
 * ("## Sponsored", "### From our sponsors"). "Diamond Sponsor Talk" in a list of conference
 * videos is editorial, so a mere mention of the word is not enough.
 */

const titleMark =
	/^\W*(?:sponsor(?:ed)?|advertisement|promoted|paid (?:post|partnership))\b|[([]\s*(?:sponsor(?:ed)?|ad|advert|advertisement|paid|partner)\s*[)\]]|\bsponsor(?:ed)?\s*:|\b(?:sponsored|presented|brought to you) by\b|\bin partnership with\b/i;
const sectionMark = /^\W*(?:(?:from )?(?:our |today'?s |this week'?s )?(?:sponsors?|sponsored|sponsorship|partners?|advertis(?:ement|ing)|promoted)\b|(?:sponsored|presented|brought to you) by\b)/i;
/** Substrings every mark contains: most titles have none, and `includes` is far cheaper than the patterns. */
const markWords = ['sponsor', 'partner', 'paid', 'advert', 'promoted', 'brought to you', 'presented by', '(ad', '[ad'];

function mayBeMarked(text: string): boolean {
	const lower = text.toLowerCase();
	return markWords.some((word) => lower.includes(word));
}

const marked = (text: string, pattern: RegExp): boolean => text.includes('💸') || (mayBeMarked(text) && pattern.test(text));

/** True when the story's title, its section or subsection, or the start of its text marks it sponsored. */
export function isSponsored(title: string, section: string, subsection: string | undefined, firstParagraph: readonly Span[] | undefined): boolean {
	if (marked(title, titleMark) || marked(section, sectionMark) || (subsection !== undefined && marked(subsection, sectionMark))) return true;
	const opening = firstParagraph?.[0] ? plainText(firstParagraph.slice(0, 3)).trimStart().slice(0, 40) : '';
	return /^\(?(?:sponsored|sponsor|advertisement|ad|paid)\b\)?\s*[:—–-]/iu.test(opening);
}
