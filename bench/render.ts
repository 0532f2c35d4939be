import { Bench } from 'tinybench';
import { renderIssueRich } from '../adapters/telegram/rich/issue-rich-message.js';
import { renderReply } from '../adapters/telegram/telegram-renderer.js';
import { Archive } from '../src/archive/archive.js';
import { createMemoryIssueStore } from '../src/archive/issue-store.js';
import type { Block } from '../src/content/block.js';
import { issueContent } from '../src/present/issue-content.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { referenceIssue } from './generated-archive.js';
import { latency } from './stats.js';

export interface RenderFigures {
	/** µs, median: the reference issue in `full` as rich messages, from the issue. */
	readonly rich_render_us: number;
	/** µs, median: the same issue as today's entity messages, the renderer's per-block cache warm (every post of a broadcast after the first). */
	readonly entity_render_warm_us: number;
	/** µs, median: the same, every block rendered afresh (the first post of an issue). */
	readonly entity_render_cold_us: number;
	readonly richMessages: number;
	readonly entityMessages: number;
}

/**
 * Rendering the reference issue for a `full` post, side by side in one run: as rich messages
 * (Bot API 10.1) and as today's text-with-entities messages. Both start from the issue, so both
 * include building the neutral blocks (`issueContent`). The entity renderer caches each block's
 * rendering; its cold figure renders fresh copies of the blocks, minus the time to copy them.
 */
export async function measureRender(): Promise<RenderFigures> {
	const archive = new Archive(createMemoryIssueStore());
	await archive.put(parseIssue(referenceIssue).issue, { bytes: referenceIssue, file: 'reference.md' });
	const archived = archive.latest()!;
	const blocks = (): Block[] => issueContent(archived, 'full');
	const bench = new Bench({ time: 1500, warmupTime: 300 });
	bench.add('rich', () => void renderIssueRich(archived, 'full', { botUsername: 'digest_bot' }));
	bench.add('entity warm', () => void renderReply(blocks()));
	bench.add('entity cold', () => void renderReply(structuredClone(blocks())));
	bench.add('copy', () => void structuredClone(blocks()));
	await bench.run();
	const us = (name: string): number => latency(bench, name).p50 * 1000;
	return {
		rich_render_us: us('rich'),
		entity_render_warm_us: us('entity warm'),
		entity_render_cold_us: Math.max(0, us('entity cold') - us('copy')),
		richMessages: renderIssueRich(archived, 'full').length,
		entityMessages: renderReply(blocks()).parts.length,
	};
}
