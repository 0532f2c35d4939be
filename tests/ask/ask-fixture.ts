import type { Archive } from '../../src/archive/archive.js';
import { createAskService, type AskServiceOptions } from '../../src/ask/ask-service.js';
import type { ChatRef } from '../../src/command/command.js';
import { createDispatcher, type Dispatcher } from '../../src/command/dispatcher.js';
import { BlockAssembler } from '../../src/content/assemble-blocks.js';
import type { Block, ReplyPart } from '../../src/content/block.js';
import { commands } from '../../commands/index.js';

/** A dispatcher whose `/ask` has its own service, as the composition root builds it. */
export function askingDispatcher(archive: Archive, options: Partial<AskServiceOptions> = {}): Dispatcher {
	return createDispatcher(commands, { services: { archive, ask: createAskService({ archive, perMinute: 100, ...options }) } });
}

export interface Asked {
	readonly parts: ReplyPart[];
	readonly blocks: readonly Block[];
}

/** Runs a typed line as one reader and keeps every part it yields, and the blocks they fold into. */
export async function askAs(dispatcher: Dispatcher, line: string, reader = 'reader-1', extra: { signal?: AbortSignal; chat?: ChatRef } = {}): Promise<Asked> {
	const parts: ReplyPart[] = [];
	const assembler = new BlockAssembler();
	const origin = { chat: extra.chat ?? { platform: 'telegram' as const, id: `chat-${reader}`, kind: 'private' as const }, user: { id: reader } };
	for await (const part of dispatcher.runText(line, origin, extra.signal)) {
		parts.push(part);
		assembler.add(part);
	}
	assembler.flush();
	return { parts, blocks: assembler.blocks };
}

/** Every `/story` command the answer's spans and buttons point at, as "N issue". */
export function citedStories(blocks: readonly Block[]): string[] {
	const out = new Set<string>();
	for (const block of blocks) {
		const spanLists = block.type === 'list' ? block.items : 'spans' in block ? [block.spans] : [];
		for (const spans of spanLists) for (const span of spans) if (span.command) out.add(span.command.replace('/story ', ''));
		if (block.type === 'actions') for (const action of block.actions) if (action.command === 'story') out.add(action.args.join(' '));
	}
	return [...out];
}
