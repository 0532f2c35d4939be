import type { Reply, ReplyPart } from '../../src/content/block.js';

/** A reply cut at its `frame` parts (see `FrameEnd`): the first view to stream as any answer, then the views that replace it. */
export interface LiveReply {
	/** The parts up to the first `frame` (or all of them): streamed as any answer is. */
	readonly first: Reply;
	/** Whether `first` ended at a `frame`: later views follow, and the answer is live. Read once `first` is done. */
	readonly live: () => boolean;
	/** Each later view, whole, as soon as its `frame` (or the end of the reply) arrives. Iterate after `first`. */
	readonly views: AsyncIterable<readonly ReplyPart[]>;
}

/**
 * Splits a reply into views. An ordinary answer has one view and streams exactly as before; a
 * live one (`/status` during a broadcast) is shown once and then edited in place with each view.
 * The two iterables share one iterator of the reply, so the command runs once, in order.
 */
export function splitViews(reply: Reply): LiveReply {
	const iterator = reply[Symbol.asyncIterator]();
	let live = false;
	let ended = false;
	async function* first(): Reply {
		try {
			for (;;) {
				const next = await iterator.next();
				if (next.done === true) {
					ended = true;
					return;
				}
				if (next.value.type === 'frame') {
					live = true;
					return;
				}
				yield next.value;
			}
		} finally {
			// Stopped early (the reader pressed Stop, or an error): the command must stop too.
			if (!live && !ended) await iterator.return?.();
		}
	}
	async function* views(): AsyncGenerator<readonly ReplyPart[]> {
		if (!live) return;
		let view: ReplyPart[] = [];
		try {
			for (;;) {
				const next = await iterator.next();
				if (next.done === true) {
					ended = true;
					if (view.length > 0) yield view;
					return;
				}
				if (next.value.type === 'frame') {
					yield view;
					view = [];
				} else view.push(next.value);
			}
		} finally {
			if (!ended) await iterator.return?.();
		}
	}
	return { first: first(), live: () => live, views: { [Symbol.asyncIterator]: views } };
}

/**
 * For a surface that cannot edit what it printed (the console): the first view as it streams,
 * then, for a live answer, only its final view once the answer ends.
 */
export async function* firstAndFinalView(reply: Reply): Reply {
	const split = splitViews(reply);
	yield* split.first;
	if (!split.live()) return;
	let final: readonly ReplyPart[] = [];
	for await (const view of split.views) final = view;
	yield* final;
}
