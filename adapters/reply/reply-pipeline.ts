import type { ParagraphBlock, Reply, ReplyPart } from '../../src/content/block.js';
import { partsUntilStopped } from './answer-stops.js';
import { editLiveViews, type LiveEditSurface } from './live-edits.js';
import { splitViews } from './live-views.js';
import type { ReplyPacker } from './reply-packer.js';

/** How the answer ended, for the surface's final step. */
export interface ReplyEnd {
	/** The reader pressed Stop (the signal aborted). */
	readonly stopped: boolean;
	/** The command did not end by itself after Stop: the pipeline added the stopped note. */
	readonly cut: boolean;
}

/** The first message of a finished answer as it reads on screen, which a live answer edits. */
export interface ShownFirst {
	readonly key: string;
}

/**
 * Where a platform shows an answer: a draft, sent messages, edits. The pipeline calls it in this
 * order: `open` once, `grew` after each part is packed, `settle` once the parts end (also after a
 * failure), `finish` with the complete answer, then, for a live answer, the `live` edits.
 * Pacing is the surface's {@link LatestPacer}: the pipeline decides nothing about time.
 */
export interface ReplySurface<Message, Packer extends ReplyPacker<Message>> {
	/** Before any part: `first` settles with the first part, for a surface that begins differently for a failure (Discord's ephemeral answer). */
	open(first: Promise<IteratorResult<ReplyPart>>): Promise<void>;
	/** A part was packed: show the answer as it grows. Throws to end the answer (a failed edit). */
	grew(packer: Packer, part: ReplyPart): void | Promise<void>;
	/** The parts have ended, or failed: stop pacing, wait for what is in flight, and throw a failure the pacing met. */
	settle(): Promise<void>;
	/** Delivers the complete answer; says what its first message reads as when a live answer may edit it. */
	finish(packer: Packer, end: ReplyEnd): Promise<ShownFirst | undefined>;
	/** Always called last, however the answer ended: timers and indicators stop. */
	close(): void;
	/** How later views of a live answer edit its first message, and whether the reader waits for them (`background`: the next command does not). */
	readonly live: LiveEditSurface<Message> & { readonly background?: (done: Promise<void>) => void; readonly intervalMs?: number };
}

export interface ReplyPipelineOptions<Message, Packer extends ReplyPacker<Message>> {
	readonly packer: Packer;
	readonly surface: ReplySurface<Message, Packer>;
	/** Aborted when the reader presses Stop: the answer ends with what was written. */
	readonly signal?: AbortSignal | undefined;
	/** What ends an answer cut off after Stop, in the answer's language. */
	readonly stoppedNote: () => ParagraphBlock;
}

/**
 * The one reply pipeline of the adapters: the command's blocks and deltas → views (a live
 * answer's frames, see `splitViews`) → the platform's packer (what fits in one message) → the
 * platform's surface, paced by the shared latest-wins pacer (show a draft, send, edit, finish).
 * A platform supplies a packer and a surface; everything else, Stop included, happens here.
 */
export async function runReplyPipeline<Message, Packer extends ReplyPacker<Message>>(reply: Reply, options: ReplyPipelineOptions<Message, Packer>): Promise<void> {
	const { packer, surface, signal } = options;
	const views = splitViews(reply);
	let cut = false;
	try {
		const parts = partsUntilStopped(views.first, signal, () => (cut = true))[Symbol.asyncIterator]();
		const first = parts.next();
		await surface.open(first);
		try {
			for (let next = await first; next.done !== true; next = await parts.next()) {
				packer.add(next.value);
				await surface.grew(packer, next.value);
			}
		} finally {
			await surface.settle();
		}
		if (cut) packer.add(options.stoppedNote());
		const shown = await surface.finish(packer, { stopped: signal?.aborted === true, cut });
		if (!views.live() || !shown) return;
		const edits = editLiveViews({ views: views.views, shownKey: shown.key, surface: surface.live, ...(surface.live.intervalMs !== undefined ? { intervalMs: surface.live.intervalMs } : {}) });
		if (surface.live.background) surface.live.background(edits);
		else await edits;
	} finally {
		surface.close();
	}
}
