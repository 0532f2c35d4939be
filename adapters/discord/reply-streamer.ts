import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Reply } from '../../src/content/block.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { stoppedNote } from '../reply/answer-stops.js';
import { LatestPacer } from '../reply/latest-pacer.js';
import { liveEditIntervalMs } from '../reply/live-edits.js';
import { runReplyPipeline, type ReplySurface } from '../reply/reply-pipeline.js';
import type { DiscordComposer } from './discord-composer.js';
import type { DiscordPayload } from './discord-payload.js';

/**
 * Where an answer goes. Kept this small so the streamer knows nothing about discord.js, and
 * so that a slash command (a new reply) and a button press (an update of the pressed
 * message) share one streaming policy.
 */
export interface ReplyTarget {
	/** Tells Discord the answer is coming. Must happen within 3 s of the interaction. */
	acknowledge(ephemeral: boolean): Promise<void>;
	/** Replaces the original response (or, for a button press, the pressed message). */
	editOriginal(message: DiscordPayload): Promise<void>;
	deleteOriginal(): Promise<void>;
	/** Sends a follow-up message and returns its id, so that it can be edited as it grows. */
	followUp(message: DiscordPayload, ephemeral: boolean): Promise<string>;
	editFollowUp(id: string, message: DiscordPayload): Promise<void>;
	/** Whether the original response is a message of ours to fill (a new reply), not someone's pressed message. */
	readonly ownsOriginal: boolean;
}

export interface StreamOptions<Message extends DiscordPayload> {
	/** The packer, and so the kind of every message of the answer: content and embeds, or Components V2 cards. */
	readonly composer: DiscordComposer<Message>;
	/** Coalesce edits to at most one per interval: Discord rate-limits webhook edits. */
	readonly editIntervalMs: number;
	/**
	 * How long to wait for the first block before acknowledging. Waiting a little lets an
	 * answer that is only a failure be acknowledged as ephemeral from the start.
	 */
	readonly firstBlockWaitMs: number;
	/** The answer is written while the reader waits: acknowledged at once, with a Stop button while it streams. */
	readonly generated?: boolean;
	/** Aborted when the reader presses Stop; the reply then keeps what was written, marked stopped. */
	readonly signal?: AbortSignal;
	/** The Stop button's custom id (see `encodeStopId`); shown only with `generated`. */
	readonly stopId?: string;
	/** The language of the streamer's own words (Stop, Thinking…, the stopped note): the one the command answers in. */
	readonly translator?: Translator;

	/** At most one edit of a live answer (`/status` during a broadcast) per interval; default {@link liveEditIntervalMs}. */
	readonly liveEditIntervalMs?: number;
}

/**
 * Delivers a reply as it is produced: acknowledge, then edit the reply as it grows — blocks and
 * text deltas alike, at most one sync per interval, the latest state always synced last — send
 * what no longer fits as follow-ups, and finish with every message in its final state. An answer
 * made only of failures is shown ephemerally. A generated answer is acknowledged at once (it will
 * not be quick) and carries a Stop button on its first message until the final edit removes it.
 * Discord's surface for the shared reply pipeline (`adapters/reply/reply-pipeline.ts`), with the
 * composer as its packer.
 */
export async function streamReply<Message extends DiscordPayload>(reply: Reply, target: ReplyTarget, options: StreamOptions<Message>): Promise<void> {
	const { composer } = options;
	const t = options.translator ?? translatorFor();
	const sent: string[] = [];
	const ids: (string | undefined)[] = [];
	let ephemeral = false;
	let failuresOnly = true;
	let error: unknown;
	let streaming = true;
	const stopRow = options.generated && options.stopId ? stopButtonRow(options.stopId, t) : undefined;
	// A failure must not replace a pressed message or sit in a public reply; hold it back until the answer shows it is only failures.
	// Before a generated answer's first words, its placeholder with the Stop button may show.
	const mayShow = (): boolean => !failuresOnly || ephemeral || (streaming && stopRow !== undefined && composer.messages.length === 0);
	const sync = async (): Promise<void> => {
		if (error !== undefined || !mayShow()) return;
		const messages = streaming && stopRow ? withStopButton(composer, stopRow, t) : composer.messages;
		for (const [index, message] of messages.entries()) {
			const json = JSON.stringify(message);
			if (sent[index] === json) continue;
			const id = ids[index];
			if (index === 0) await target.editOriginal(message);
			else if (id === undefined) ids[index] = await target.followUp(message, ephemeral);
			else await target.editFollowUp(id, message);
			sent[index] = json;
		}
	};
	// Edits at most one per interval, the latest state always synced last: Discord rate-limits webhook edits.
	const pacer = new LatestPacer<DiscordComposer<Message>>({
		intervalMs: options.editIntervalMs,
		shownAt: Number.NEGATIVE_INFINITY,
		// The blocks a command has ready at once are one edit, not one edit for the first and another for the rest.
		coalesce: true,
		apply: sync,
		onError: (cause) => {
			error ??= cause;
			pacer.close();
		},
	});

	const surface: ReplySurface<Message, DiscordComposer<Message>> = {
		async open(firstPart) {
			const first = options.generated ? undefined : await Promise.race([firstPart, delay(options.firstBlockWaitMs).then(() => undefined)]);
			ephemeral = target.ownsOriginal && first !== undefined && first.done !== true && first.value.type === 'failure';
			await target.acknowledge(ephemeral);
			if (stopRow) pacer.push(composer);
		},
		grew(_packer, part) {
			if (part.type !== 'failure') failuresOnly = false;
			if (mayShow()) pacer.push(composer);
			// A failed edit ends the answer: no more parts are read.
			if (error !== undefined) throw error;
		},
		async settle() {
			pacer.cancel();
			await pacer.flush();
			streaming = false;
			if (error !== undefined) throw error;
		},
		async finish(_packer, { cut }) {
			if (cut) failuresOnly = false;
			if (composer.messages.length === 0) {
				if (target.ownsOriginal) await target.editOriginal(composer.note(t.text('answer-empty')));
				return undefined;
			}
			if (mayShow()) {
				await sync();
				return target.ownsOriginal && sent[0] !== undefined ? { key: sent[0] } : undefined;
			}
			// Only failures, and the acknowledgement was public: show them to the user alone.
			if (target.ownsOriginal) await target.deleteOriginal();
			for (const message of composer.messages) await target.followUp(message, true);
			return undefined;
		},
		close() {
			pacer.close();
		},
		// An edit that fails ends the live answer with that error, as a failed edit of a streaming answer does.
		live: {
			intervalMs: options.liveEditIntervalMs ?? liveEditIntervalMs,
			createPacker: () => composer.fresh(),
			key: (message) => JSON.stringify(message),
			edit: (message) => target.editOriginal(message),
			failed: () => 'end',
		},
	};
	await runReplyPipeline(reply, { packer: composer, surface, signal: options.signal, stoppedNote: () => stoppedNote(t) });
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function stopButtonRow(customId: string, t: Translator): APIActionRowComponent<APIButtonComponent> {
	return { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, label: t.text('button-stop'), custom_id: customId }] };
}

/** The messages with the Stop button on the first one, while a generated answer streams (and it has room). */
function withStopButton<Message extends DiscordPayload>(composer: DiscordComposer<Message>, row: APIActionRowComponent<APIButtonComponent>, t: Translator): readonly Message[] {
	const [first, ...rest] = composer.messages;
	if (!first) return [composer.note(t.text('answer-thinking'), row)];
	return [composer.withRow(first, row), ...rest];
}
