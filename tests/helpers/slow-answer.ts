import { z } from 'zod';
import { defineCommand, type Command } from '../../src/command/command.js';
import type { Span } from '../../src/content/span.js';

export interface SlowAnswerScript {
	/** The command's name (`ask` stands in for the real /ask: plain private messages reach it). */
	readonly name?: string;
	/** Silence before the first words, as a model thinks. */
	readonly thinkMs?: number;
	/** The paragraph's first words, then every delta, in order. */
	readonly chunks: readonly (string | Span[])[];
	/** Between chunks. */
	readonly delayMs: number;
	/** A longer pause before the chunk at this index (a model stalling mid-answer). */
	readonly pause?: { readonly beforeChunk: number; readonly ms: number };
	/** Never looks at `context.signal`: the adapter must cut it off itself. */
	readonly ignoresStop?: boolean;
}

/** What the slow command did, for assertions. */
export interface SlowAnswerLog {
	/** When each chunk was yielded. */
	readonly emittedAt: number[];
	/** Whether the run saw its signal aborted, and after how many chunks. */
	stoppedAfter?: number;
	runs: number;
}

/**
 * A test-only command shaped like the real /ask: `generated`, a paragraph and then text deltas
 * yielded with delays, ending early with a note (keeping what it wrote) when `context.signal`
 * aborts — or, with `ignoresStop`, writing on as a command stuck in a request would.
 */
export function createSlowAnswerCommand(script: SlowAnswerScript): { command: Command; log: SlowAnswerLog } {
	const log: SlowAnswerLog = { emittedAt: [], runs: 0 };
	const command = defineCommand({
		name: script.name ?? 'slow',
		description: 'A slow, generated answer (tests)',
		usage: `/${script.name ?? 'slow'} [question]`,
		options: [{ name: 'question', description: 'question', type: 'string', required: false, rest: true }],
		schema: z.object({ question: z.string().optional() }),
		generated: true,
		async *run(_args, context) {
			log.runs += 1;
			const sleep = (ms: number): Promise<void> =>
				new Promise((resolve) => {
					const wake = (): void => {
						clearTimeout(timer);
						context.signal?.removeEventListener('abort', wake);
						resolve();
					};
					const timer = setTimeout(wake, ms);
					if (!script.ignoresStop) context.signal?.addEventListener('abort', wake, { once: true });
				});
			if (script.thinkMs) await sleep(script.thinkMs);
			for (const [index, chunk] of script.chunks.entries()) {
				if (index > 0) await sleep(script.pause?.beforeChunk === index ? script.pause.ms : script.delayMs);
				if (context.signal?.aborted && !script.ignoresStop) {
					log.stoppedAfter = index;
					// As /ask does: what was written stays, and a note says it ends there.
					yield { type: 'paragraph', spans: [{ text: 'Stopped: the answer ends where you stopped it.', italic: true }] };
					return;
				}
				const spans = typeof chunk === 'string' ? [{ text: chunk }] : chunk;
				log.emittedAt.push(Date.now());
				yield index === 0 ? { type: 'paragraph', spans } : { type: 'delta', spans };
			}
		},
	});
	return { command, log };
}

/** A text cut into chunks of about `size` characters at word boundaries, as a model streams it. */
export function chunkText(text: string, size: number): string[] {
	const chunks: string[] = [];
	let at = 0;
	while (at < text.length) {
		let end = Math.min(text.length, at + size);
		const space = text.indexOf(' ', end);
		if (space > 0 && space - end < size) end = space;
		chunks.push(text.slice(at, end));
		at = end;
	}
	return chunks;
}
