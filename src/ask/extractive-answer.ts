import type { Block } from '../content/block.js';
import type { Span } from '../content/span.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import type { Passage, PublicationNameOf } from './passage.js';
import { citationSpan, fromPublication, storiesUsedBlocks } from './story-citations.js';

/** Passages an extractive answer quotes: enough to answer, few enough to read on a phone. */
export const extractivePassages = 3;
/** A quote longer than this is cut at a word: the story itself is one button away. */
const maxQuoteChars = 420;

/**
 * The answer without a language model: the best-matching passages quoted with the story each
 * comes from (and, with `nameOf`, its publication) and the sources it cites, then the stories
 * used. Nothing is paraphrased, so nothing can be invented.
 */
export function extractiveAnswer(question: string, passages: readonly Passage[], t: Translator = translatorFor(), nameOf?: PublicationNameOf): Block[] {
	const quoted = passages.slice(0, extractivePassages);
	const blocks: Block[] = [{ type: 'paragraph', spans: t.spans('ask-extractive-heading', { question: question.trim().slice(0, 80) }) }];
	for (const passage of quoted) blocks.push({ type: 'paragraph', spans: quoteSpans(passage, t, nameOf) });
	blocks.push(...storiesUsedBlocks(quoted, t, 'ask-stories-used', nameOf));
	return blocks;
}

function quoteSpans(passage: Passage, t: Translator, nameOf: PublicationNameOf | undefined): Span[] {
	const from = fromPublication(passage, nameOf);
	const spans: Span[] = [citationSpan(passage), { text: ' ' }, { text: passage.storyTitle, bold: true }, ...(from ? [{ text: from }] : []), { text: `\n“${shorten(passage.text)}”` }];
	if (passage.sources.length > 0) {
		spans.push({ text: `\n${t.text('ask-sources')} `, italic: true });
		passage.sources.forEach((source, index) => {
			if (index > 0) spans.push({ text: ', ' });
			spans.push(source.url ? { text: source.label, href: source.url } : { text: source.label });
		});
	}
	return spans;
}

function shorten(text: string): string {
	if (text.length <= maxQuoteChars) return text;
	const cut = text.lastIndexOf(' ', maxQuoteChars);
	return `${text.slice(0, cut > maxQuoteChars / 2 ? cut : maxQuoteChars)}…`;
}
