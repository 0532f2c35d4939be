import type { ParagraphBlock, Reply } from '../../src/content/block.js';
import type { Translator } from '../../src/i18n/translator.js';

/**
 * The answers being written that a reader may stop, by a key the platform hands back when the
 * Stop button is pressed (a Telegram draft id, a Discord button's custom id). One per adapter:
 * the press arrives as its own update, beside the answer it stops.
 */
export class AnswerStops {
	private readonly running = new Map<string, { readonly controller: AbortController; readonly owner?: string }>();

	/** Registers an answer; the returned function forgets it once the answer is finished. */
	public register(key: string, controller: AbortController, owner?: string): () => void {
		const entry = { controller, ...(owner !== undefined ? { owner } : {}) };
		this.running.set(key, entry);
		return () => {
			if (this.running.get(key) === entry) this.running.delete(key);
		};
	}

	/**
	 * Stops the answer registered under `key`. `by`, when given, must be its owner: only the reader
	 * who asked may stop an answer others can see. Says what happened, for the press's reply.
	 */
	public stop(key: string, by?: string): 'stopped' | 'not-running' | 'not-yours' {
		const entry = this.running.get(key);
		if (!entry) return 'not-running';
		if (by !== undefined && entry.owner !== undefined && entry.owner !== by) return 'not-yours';
		entry.controller.abort();
		return 'stopped';
	}

	public get size(): number {
		return this.running.size;
	}
}

/**
 * Chats with an answer being written. A platform that answers one update per chat at a time
 * lets updates from such a chat pass beside it: a reader asking again is then told "still
 * answering" at once, and a Stop or another command is not stuck behind the answer.
 */
export class AnswersInProgress {
	private readonly counts = new Map<string, number>();

	/** Marks the chat busy until the returned function is called. */
	public begin(chat: string): () => void {
		this.counts.set(chat, (this.counts.get(chat) ?? 0) + 1);
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			const left = (this.counts.get(chat) ?? 1) - 1;
			if (left > 0) this.counts.set(chat, left);
			else this.counts.delete(chat);
		};
	}

	public has(chat: string): boolean {
		return this.counts.has(chat);
	}
}

/** How long a stopped command may take to end by itself, with what it wrote, before the adapter stops waiting. */
export const stopGraceMs = 1_000;

/**
 * The reply's parts until it ends, or until `graceMs` after `signal` aborts: a command that
 * honours the signal ends at once with what it wrote (and its own note, as /ask does), and one
 * that does not (stuck in a request) is not waited for: the reader keeps what arrived, and
 * `onCut` lets the adapter add {@link stoppedNote} itself.
 */
export async function* partsUntilStopped(reply: Reply, signal: AbortSignal | undefined, onCut?: () => void, graceMs = stopGraceMs): Reply {
	if (!signal) {
		yield* reply;
		return;
	}
	const iterator = reply[Symbol.asyncIterator]();
	let timer: NodeJS.Timeout | undefined;
	const cut = new Promise<'cut'>((resolve) => {
		const arm = (): void => {
			timer = setTimeout(() => resolve('cut'), graceMs);
		};
		if (signal.aborted) arm();
		else signal.addEventListener('abort', arm, { once: true });
	});
	let finished = false;
	try {
		for (;;) {
			const next = await Promise.race([iterator.next(), cut]);
			if (next === 'cut') {
				onCut?.();
				return;
			}
			if (next.done === true) {
				finished = true;
				return;
			}
			yield next.value;
		}
	} finally {
		clearTimeout(timer);
		// Ends the command's generator once it wakes up; nobody waits for it.
		if (!finished) void iterator.return?.(undefined)?.catch(() => undefined);
	}
}

/** What ends an answer cut off after Stop because its command did not end by itself, so it never reads as complete. */
export function stoppedNote(t: Translator): ParagraphBlock {
	return { type: 'paragraph', spans: [{ text: t.text('answer-stopped'), italic: true }] };
}
