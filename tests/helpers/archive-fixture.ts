import { completeBlocks } from '../../src/content/assemble-blocks.js';
import { cardTextBlocks } from '../../src/content/card-text.js';
import { readFileSync } from 'node:fs';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import type { Block } from '../../src/content/block.js';
import { plainText } from '../../src/content/span.js';
import { createAskService } from '../../src/ask/ask-service.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { commands } from '../../commands/index.js';

export const referenceIssuePath = new URL('../../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url).pathname;

/** An archive in memory holding the given digests (Markdown texts), oldest first. */
export async function archiveWith(...digests: string[]): Promise<Archive> {
	const archive = new Archive(createMemoryIssueStore());
	for (const [index, text] of digests.entries()) {
		const file = `issue-${index}.md`;
		await archive.put(parseIssue(text, { file }).issue, { bytes: text, file });
	}
	return archive;
}

export async function referenceArchive(): Promise<Archive> {
	return archiveWith(readFileSync(referenceIssuePath, 'utf8'));
}

/** Runs a typed command line and collects every block it yields. */
export async function ask(archive: Archive, text: string): Promise<Block[]> {
	const dispatcher = createDispatcher(commands, { services: { archive, ask: createAskService({ archive, perMinute: 1_000 }) } });
	const blocks: Block[] = [];
	for await (const block of completeBlocks(dispatcher.runText(text, { chat: { platform: 'console', id: 'test', kind: 'private' }, user: { id: 'tester' } }))) blocks.push(block);
	return blocks;
}

/** The words of blocks as a reader sees them, marks dropped. */
export function textOf(blocks: readonly Block[]): string {
	return blocks.map(blockText).join('\n');
}

function blockText(block: Block): string {
	switch (block.type) {
		case 'heading':
		case 'paragraph':
		case 'failure':
			return plainText(block.spans);
		case 'list':
			return block.items.map(plainText).join('\n');
		case 'card':
			return [block.title, ...cardTextBlocks(block).map(blockText), block.footer ?? ''].join('\n');
		case 'actions':
			return block.actions.map((action) => action.label).join(' | ');
	}
}
