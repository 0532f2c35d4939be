import { Bench } from 'tinybench';
import { packComponentsV2 } from '../adapters/discord/components-v2/v2-packer.js';
import { V2ReplyComposer } from '../adapters/discord/components-v2/v2-reply-composer.js';
import { MessageComposer, renderBlocks } from '../adapters/discord/discord-renderer.js';
import { Archive } from '../src/archive/archive.js';
import { createMemoryIssueStore } from '../src/archive/issue-store.js';
import type { Block } from '../src/content/block.js';
import { issueContent } from '../src/present/issue-content.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { referenceIssue } from './generated-archive.js';
import { latency } from './stats.js';

export interface DiscordV2RenderFigures {
	/** µs, median: the reference issue in `full` packed into Components V2 cards, from its blocks. */
	readonly v2_post_us: number;
	/** µs, median: the same blocks as content and embeds (DISCORD_COMPONENTS_V2=off). */
	readonly embeds_post_us: number;
	readonly v2Messages: number;
	readonly embedMessages: number;
	/** µs, median: a 6,000-character streamed answer (10-character deltas) read once per 20 deltas, as V2 cards. */
	readonly v2_stream_us: number;
	/** µs, median: the same stream through the embed composer. */
	readonly embeds_stream_us: number;
}

/** Streams a 6,000-character answer into a composer, reading its messages as the streamer's edits would. */
function stream(composer: MessageComposer | V2ReplyComposer): void {
	composer.add({ type: 'paragraph', spans: [{ text: 'Answer: ' }] });
	for (let index = 0; index < 600; index += 1) {
		composer.add({ type: 'delta', spans: [{ text: 'abcdefghi ' }] });
		if (index % 20 === 0) void composer.messages;
	}
	void composer.messages;
}

/**
 * Discord's two kinds of post side by side in one run: the reference issue as V2 cards and as
 * content with embeds, and a streamed answer packed either way. The V2 answer composer packs the
 * whole answer again on each read (see V2ReplyComposer), so its stream figure is the one to watch.
 */
export async function measureDiscordV2Render(): Promise<DiscordV2RenderFigures> {
	const archive = new Archive(createMemoryIssueStore());
	await archive.put(parseIssue(referenceIssue).issue, { bytes: referenceIssue, file: 'reference.md' });
	const blocks: readonly Block[] = issueContent(archive.latest()!, 'full');
	const bench = new Bench({ time: 1500, warmupTime: 300 });
	bench.add('v2 post', () => void packComponentsV2(blocks));
	bench.add('embeds post', () => void renderBlocks(blocks, { maxMessages: 50 }));
	bench.add('v2 stream', () => stream(new V2ReplyComposer()));
	bench.add('embeds stream', () => stream(new MessageComposer()));
	await bench.run();
	const us = (name: string): number => latency(bench, name).p50 * 1000;
	return {
		v2_post_us: us('v2 post'),
		embeds_post_us: us('embeds post'),
		v2Messages: packComponentsV2(blocks).length,
		embedMessages: renderBlocks(blocks, { maxMessages: 50 }).length,
		v2_stream_us: us('v2 stream'),
		embeds_stream_us: us('embeds stream'),
	};
}
