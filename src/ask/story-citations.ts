import type { ActionsBlock, Block, ListBlock } from '../content/block.js';
import type { Span } from '../content/span.js';
import { translatorFor, type Translator } from '../i18n/translator.js';
import { storyCommand, storyLabel, type Passage, type PublicationNameOf } from './passage.js';

/** The most story buttons under an answer: more crowd the message and Discord allows five a row. */
const maxButtons = 5;

/** A citation as the reader sees it, `[2026-03-03 · 3]`, carrying the command that opens the story. */
export function citationSpan(passage: Pick<Passage, 'date' | 'issueId' | 'storyNumber'>): Span {
	return { text: `[${storyLabel(passage)}]`, command: storyCommand(passage) };
}

/** One passage per story, in order of first appearance. */
export function distinctStories(passages: readonly Passage[]): Passage[] {
	const seen = new Set<string>();
	return passages.filter((passage) => {
		const key = `${passage.issueId}#${passage.storyNumber}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** " (This Week in Rust)" after a story's title when the answer must say which publication it is from; nothing otherwise. */
export function fromPublication(passage: Pick<Passage, 'issueId'>, nameOf: PublicationNameOf | undefined): string {
	const name = nameOf?.(passage.issueId);
	return name ? ` (${name})` : '';
}

/**
 * How every answer ends: the stories it used, as a list a reader can type from and as buttons
 * that open each story (`/story N issue`). With `nameOf` (several publications) each story
 * says which publication it is from.
 */
export function storiesUsedBlocks(passages: readonly Passage[], t: Translator = translatorFor(), title: 'ask-stories-used' | 'ask-related-stories' = 'ask-stories-used', nameOf?: PublicationNameOf): Block[] {
	const stories = distinctStories(passages);
	if (stories.length === 0) return [];
	const list: ListBlock = {
		type: 'list',
		ordered: false,
		items: stories.map((passage) => [citationSpan(passage), { text: ` ${passage.storyTitle}${fromPublication(passage, nameOf)} — ` }, { text: storyCommand(passage), code: true }]),
	};
	const actions: ActionsBlock = {
		type: 'actions',
		actions: stories.slice(0, maxButtons).map((passage) => ({
			label: t.text('button-story', { number: storyLabel(passage) }),
			command: 'story',
			args: [String(passage.storyNumber), passage.issueId],
		})),
	};
	return [{ type: 'paragraph', spans: [{ text: t.text(title), bold: true }] }, list, actions];
}
