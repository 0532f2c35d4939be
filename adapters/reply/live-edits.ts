import type { ReplyPart } from '../../src/content/block.js';
import { LatestPacer } from './latest-pacer.js';
import type { ReplyPacker } from './reply-packer.js';

/**
 * At most one edit of a live answer (`/status` during a broadcast) per 3 s, on every platform.
 * Telegram allows about 20 messages a minute in a group, edits included, and answers faster
 * editing with 429 (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 * Discord edits an interaction response through a webhook, whose limit (about 5 requests in 2 s,
 * shared with the answer's other edits) this stays far under while leaving room for the reader's
 * other answers (https://discord.com/developers/docs/topics/rate-limits).
 */
export const liveEditIntervalMs = 3_000;

/** How a platform edits the first message of a live answer. */
export interface LiveEditSurface<Message> {
	/** A new, empty packer for each view: a view is packed from nothing. */
	readonly createPacker: () => ReplyPacker<Message>;
	/** What a message reads as (text, entities, buttons), so that an unchanged view is no edit. */
	readonly key: (message: Message) => string;
	readonly edit: (message: Message) => Promise<void>;
	/**
	 * A failed edit: `'go-on'` keeps editing with later views (the reader keeps the last view that
	 * got through), `'end'` ends the live answer with that error.
	 */
	readonly failed: (error: unknown) => 'go-on' | 'end';
}

export interface LiveEditOptions<Message> {
	readonly views: AsyncIterable<readonly ReplyPart[]>;
	/** The key of what the first message reads now. */
	readonly shownKey: string | undefined;
	readonly surface: LiveEditSurface<Message>;
	readonly intervalMs?: number;
}

/**
 * Edits the answer's first message with each later view of a live answer (see `FrameEnd`),
 * paced to one edit per interval with the latest view always edited last, and never with what
 * the message already reads (Telegram refuses an edit that changes nothing). Views are meant to
 * fit in one message; anything past the first is left out. Throws the failure of an edit the
 * surface chose to end with.
 */
export async function editLiveViews<Message>(options: LiveEditOptions<Message>): Promise<void> {
	const { surface } = options;
	let onScreen = options.shownKey;
	let failure: { readonly error: unknown } | undefined;
	const pacer = new LatestPacer<{ readonly message: Message; readonly key: string }>({
		intervalMs: options.intervalMs ?? liveEditIntervalMs,
		apply: async ({ message, key }) => {
			if (key === onScreen) return;
			await surface.edit(message);
			onScreen = key;
		},
		onError: (error) => {
			if (surface.failed(error) === 'end') failure ??= { error };
		},
	});
	for await (const view of options.views) {
		if (failure) break;
		const packer = surface.createPacker();
		for (const part of view) packer.add(part);
		const first = packer.pack()[0];
		if (first !== undefined) pacer.push({ message: first, key: surface.key(first) });
	}
	if (failure) pacer.cancel();
	await pacer.flush();
	if (failure) throw failure.error;
}
