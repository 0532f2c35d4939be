import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../../src/logger.js';
import { LatestPacer } from '../reply/latest-pacer.js';
import { describeTelegramError } from './telegram-errors.js';
import type { TelegramText } from './telegram-text.js';

/** Telegram's stop button on a draft: a press arrives as a `stopped_message_generation` update, and the draft stays as it was. */
export type DraftStopParameters = { can_stop: true; keep_on_stop: true } | Record<string, never>;

/**
 * One kind of draft: text with entities (`sendMessageDraft`) or a rich message
 * (`sendRichMessageDraft`). The stream paces and keeps the rules; the form only says what a draft
 * is and how one is sent.
 */
export interface DraftForm<Draft> {
	/** The draft that says at once that an answer is coming ("Thinking…"). */
	readonly thinking: Draft;
	readonly isThinking: (draft: Draft) => boolean;
	/** Equal drafts are not sent twice (except to refresh one before Telegram drops it). */
	readonly same: (a: Draft, b: Draft) => boolean;
	/** Sends one draft; false when there was nothing to send. */
	readonly send: (draft: Draft, stop: DraftStopParameters) => Promise<boolean>;
	/** Told of a refusal (other than a 429), e.g. so that a server without rich drafts is remembered. */
	readonly refused?: (error: unknown) => void;
}

export interface DraftStreamOptions {
	/** At most one draft per interval; a draft that arrives sooner goes out when the interval is up. */
	readonly intervalMs: number;
	/** No answer draft before this many ms from the start: an answer complete sooner needs no preview. */
	readonly firstAfterMs: number;
	/** Drafts show Telegram's stop button; a press arrives as a `stopped_message_generation` update. */
	readonly canStop: boolean;
	/** Re-send the draft after this long without one: Telegram drops a draft after 30 s. */
	readonly refreshMs: number;
	readonly log?: Logger;
}

/** How long a draft lasts on Telegram (https://core.telegram.org/bots/api#sendmessagedraft), less a margin. */
export const draftRefreshMs = 20_000;

/**
 * The live preview of one answer in a private chat: Telegram's surface for the shared pacer,
 * whose draft rules it sets (first draft after `firstAfterMs` unless it is "Thinking…", a refresh
 * before Telegram drops the draft, the final draft flushed last). A draft is a nicety: if Telegram
 * refuses drafts, the stream turns itself off and the answer is just sent. Text and rich drafts
 * differ only in their {@link DraftForm}.
 */
export class DraftStream<Draft> {
	private readonly pacer: LatestPacer<Draft>;
	private refused = false;
	private accepted = false;

	public constructor(
		private readonly form: DraftForm<Draft>,
		options: DraftStreamOptions,
	) {
		const stop: DraftStopParameters = options.canStop ? { can_stop: true, keep_on_stop: true } : {};
		this.pacer = new LatestPacer<Draft>({
			intervalMs: options.intervalMs,
			shownAt: Number.NEGATIVE_INFINITY,
			firstAfterMs: options.firstAfterMs,
			// "Thinking…" says at once that an answer is coming; only the answer waits for the first draft.
			urgent: form.isThinking,
			same: form.same,
			refreshMs: options.refreshMs,
			apply: async (draft) => {
				if (await form.send(draft, stop)) this.accepted = true;
			},
			onError: (error) => {
				// A 429 that retrying could not wait out only costs this draft; anything else means no drafts here.
				if (error instanceof GrammyError && error.error_code === 429) return;
				this.refused = true;
				this.pacer.close();
				form.refused?.(error);
				options.log?.debug({ err: describeTelegramError(error) }, 'draft refused; sending without drafts');
			},
		});
	}

	/** Whether drafts still work in this chat. */
	public get active(): boolean {
		return !this.refused && this.pacer.open;
	}

	/** Whether Telegram has taken a draft of this answer: the reader sees it coming. */
	public get delivered(): boolean {
		return this.accepted;
	}

	/** Whether any draft of this answer was sent. */
	public get shown(): boolean {
		return this.pacer.started;
	}

	/** Shows "Thinking…" at once. */
	public thinking(): void {
		this.pacer.push(this.form.thinking);
	}

	/** The answer as it reads now; sent when pacing allows. */
	public show(draft: Draft): void {
		if (this.active) this.pacer.push(draft);
	}

	/**
	 * Makes the last draft the given one (the final message's), waiting for pacing, so the preview
	 * ends exactly as the message that replaces it begins. Nothing is sent if no draft was shown.
	 */
	public async finish(draft: Draft | undefined): Promise<void> {
		if (this.shown && this.active) {
			if (draft !== undefined) this.pacer.push(draft);
			await this.pacer.flush();
		}
		this.close();
	}

	public close(): void {
		this.pacer.close();
	}
}

/** Where the drafts of one answer go. */
export interface DraftTarget {
	readonly api: Api;
	readonly chatId: number;
	readonly thread: { message_thread_id?: number };
	/** Non-zero and unique per answer: Telegram animates changes to drafts with the same id. */
	readonly draftId: number;
}

/** Text drafts with entities (`sendMessageDraft`): Telegram renders a draft with empty text as "Thinking…". */
export function textDraftForm({ api, chatId, thread, draftId }: DraftTarget): DraftForm<TelegramText> {
	return {
		thinking: { text: '', entities: [] },
		isThinking: (text) => text.text === '',
		same: (a, b) => a.text === b.text,
		async send(text, stop) {
			await api.sendMessageDraft(chatId, draftId, text.text, { ...(text.entities.length > 0 ? { entities: [...text.entities] } : {}), ...thread, ...stop });
			return true;
		},
	};
}
