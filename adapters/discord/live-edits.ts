import type { ReplyPart } from '../../src/content/block.js';
import { LatestPacer } from '../latest-pacer.js';
import type { DiscordMessage, MessageComposer } from './discord-renderer.js';
import type { ReplyTarget } from './reply-streamer.js';

/**
 * At most one edit of a live answer per 3 s: interaction responses are edited through a webhook,
 * whose rate limit (about 5 requests in 2 s, shared with the answer's other edits) this stays far
 * under while leaving room for the reader's other answers.
 * https://discord.com/developers/docs/topics/rate-limits
 */
export const liveEditIntervalMs = 3_000;

export interface LiveEditOptions {
	readonly target: ReplyTarget;
	/** A new, empty composer for each view (`MessageComposer.fresh`). */
	readonly compose: () => MessageComposer;
	readonly views: AsyncIterable<readonly ReplyPart[]>;
	/** The first message as shown now (its JSON), so that an unchanged view is no edit. */
	readonly shownJson: string | undefined;
	readonly intervalMs: number;
}

/**
 * Edits the answer's first message with each later view of a live answer (see `FrameEnd`),
 * paced to one edit per interval, the latest view always edited last. Views are meant to fit in
 * one message; anything past the first is left out. An edit that fails ends the live answer with
 * that error, as a failed edit of a streaming answer does.
 */
export async function editLiveViews(options: LiveEditOptions): Promise<void> {
	let onScreen = options.shownJson;
	let failure: { readonly error: unknown } | undefined;
	const pacer = new LatestPacer<{ readonly message: DiscordMessage; readonly json: string }>(
		options.intervalMs,
		async ({ message, json }) => {
			if (json === onScreen) return;
			await options.target.editOriginal(message);
			onScreen = json;
		},
		(error) => {
			failure ??= { error };
		},
	);
	for await (const view of options.views) {
		if (failure) break;
		const composer = options.compose();
		for (const part of view) composer.add(part);
		const first = composer.messages[0];
		if (first) pacer.push({ message: first, json: JSON.stringify(first) });
	}
	if (failure) pacer.cancel();
	await pacer.flush();
	if (failure) throw failure.error;
}
