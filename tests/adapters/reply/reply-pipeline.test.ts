import { describe, expect, it } from 'vitest';
import type { ParagraphBlock, Reply, ReplyPart } from '../../../src/content/block.js';
import { runReplyPipeline, type ReplyEnd, type ReplySurface } from '../../../adapters/reply/reply-pipeline.js';
import type { ReplyPacker } from '../../../adapters/reply/reply-packer.js';

const line = (text: string): ParagraphBlock => ({ type: 'paragraph', spans: [{ text }] });
const frame: ReplyPart = { type: 'frame' };

/** A packer of one message per paragraph: the message is its text. */
class LinePacker implements ReplyPacker<string> {
	private readonly lines: string[] = [];
	public add(part: ReplyPart): void {
		if (part.type === 'paragraph') this.lines.push(part.spans.map((span) => span.text).join(''));
	}
	public pack(): readonly string[] {
		return [...this.lines];
	}
}

/** A surface that records what the pipeline asked of it, in order. */
function recordingSurface(options: { readonly failOnGrow?: Error; readonly live?: boolean } = {}) {
	const calls: string[] = [];
	const edits: string[] = [];
	let ended: ReplyEnd | undefined;
	let background: Promise<void> | undefined;
	const surface: ReplySurface<string, LinePacker> = {
		async open() {
			calls.push('open');
		},
		grew(packer) {
			calls.push(`grew ${packer.pack().join('|')}`);
			if (options.failOnGrow) throw options.failOnGrow;
		},
		async settle() {
			calls.push('settle');
		},
		async finish(packer, end) {
			ended = end;
			calls.push(`finish ${packer.pack().join('|')}`);
			return { key: packer.pack()[0] ?? '' };
		},
		close() {
			calls.push('close');
		},
		live: {
			intervalMs: 10,
			createPacker: () => new LinePacker(),
			key: (message) => message,
			edit: async (message) => {
				edits.push(message);
			},
			failed: () => 'end',
			...(options.live ? { background: (done: Promise<void>) => (background = done) } : {}),
		},
	};
	return { surface, calls, edits, ended: () => ended, background: () => background };
}

async function* replyOf(...parts: ReplyPart[]): Reply {
	for (const part of parts) yield part;
}

const note = (): ParagraphBlock => line('(stopped)');

describe('runReplyPipeline', () => {
	it('when a reply streams then the surface opens, sees each part packed, settles, finishes and closes, in that order', async () => {
		const { surface, calls, ended } = recordingSurface();
		await runReplyPipeline(replyOf(line('a'), line('b')), { packer: new LinePacker(), surface, stoppedNote: note });
		expect(calls).toEqual(['open', 'grew a', 'grew a|b', 'settle', 'finish a|b', 'close']);
		expect(ended()).toEqual({ stopped: false, cut: false });
	});

	it('when the reader stops a command that does not end by itself then the answer keeps what was written and ends with the stopped note', async () => {
		const { surface, calls, ended } = recordingSurface();
		const controller = new AbortController();
		async function* stuck(): Reply {
			yield line('first words');
			controller.abort();
			await new Promise(() => undefined);
		}
		await runReplyPipeline(stuck(), { packer: new LinePacker(), surface, signal: controller.signal, stoppedNote: note });
		expect(calls.at(-2)).toBe('finish first words|(stopped)');
		expect(ended()).toEqual({ stopped: true, cut: true });
	});

	it('when the surface fails while the reply grows then it still settles and closes, and the failure reaches the caller', async () => {
		const { surface, calls } = recordingSurface({ failOnGrow: new Error('edit refused') });
		await expect(runReplyPipeline(replyOf(line('a'), line('b')), { packer: new LinePacker(), surface, stoppedNote: note })).rejects.toThrow('edit refused');
		expect(calls).toEqual(['open', 'grew a', 'settle', 'close']);
	});

	it('when a reply is live then its first view is finished and each later view edits the first message, the last view edited last', async () => {
		const { surface, calls, edits } = recordingSurface();
		await runReplyPipeline(replyOf(line('10%'), frame, line('50%'), frame, line('90%'), frame, line('done')), { packer: new LinePacker(), surface, stoppedNote: note });
		expect(calls).toContain('finish 10%');
		expect(edits.at(-1)).toBe('done');
		expect(edits).not.toContain('10%');
	});

	it('when a live reply runs in the background then the pipeline returns before its edits are done', async () => {
		const { surface, edits, background } = recordingSurface({ live: true });
		let release: () => void = () => undefined;
		const held = new Promise<void>((resolve) => (release = resolve));
		async function* live(): Reply {
			yield line('10%');
			yield frame;
			await held;
			yield line('done');
		}
		await runReplyPipeline(live(), { packer: new LinePacker(), surface, stoppedNote: note });
		expect(edits).toEqual([]);
		release();
		await background();
		expect(edits).toEqual(['done']);
	});
});
