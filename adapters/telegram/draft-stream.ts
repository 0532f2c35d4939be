import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../../src/logger.js';
import { LatestPacer } from '../reply/latest-pacer.js';
import { describeTelegramError } from './telegram-errors.js';
import type { TelegramText } from './telegram-text.js';

export interface DraftStreamOptions {
	readonly api: Api;
	readonly chatId: number;
	readonly thread: { message_thread_id?: number };
	/** Non-zero and unique per answer: Telegram animates changes to drafts with the same id. */
	readonly draftId: number;
	/** At most one draft per interval; a text that arrives sooner goes out when the interval is up. */
	readonly intervalMs: number;
	/** No text draft before this many ms from the start: an answer complete sooner needs no preview. */
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
 * before Telegram drops the draft, the final text flushed last). A draft is a nicety: if Telegram
 * refuses drafts, the stream turns itself off and the answer is just sent.
 */
export class DraftStream {
	private readonly pacer: LatestPacer<TelegramText>;
	private refused = false;
	private accepted = false;

	public constructor(private readonly options: DraftStreamOptions) {
		this.pacer = new LatestPacer<TelegramText>({
			intervalMs: options.intervalMs,
			shownAt: Number.NEGATIVE_INFINITY,
			firstAfterMs: options.firstAfterMs,
			// "Thinking…" says at once that an answer is coming; only text waits for the first draft.
			urgent: (text) => text.text === '',
			same: (a, b) => a.text === b.text,
			refreshMs: options.refreshMs,
			apply: (text) => this.send(text),
			onError: (error) => {
				// A 429 that retrying could not wait out only costs this draft; anything else means no drafts here.
				if (error instanceof GrammyError && error.error_code === 429) return;
				this.refused = true;
				this.pacer.close();
				this.options.log?.debug({ err: describeTelegramError(error) }, 'draft refused; sending without drafts');
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

	/** Shows "Thinking…" at once: Telegram renders that for a draft with empty text. */
	public thinking(): void {
		this.pacer.push({ text: '', entities: [] });
	}

	/** The answer as it reads now; sent when pacing allows. */
	public show(text: TelegramText | undefined): void {
		if (!text || text.text === '' || !this.active) return;
		this.pacer.push(text);
	}

	/**
	 * Makes the last draft the given text (the final message's), waiting for pacing, so the preview
	 * ends exactly as the message that replaces it begins. Nothing is sent if no draft was shown.
	 */
	public async finish(text: TelegramText | undefined): Promise<void> {
		if (this.shown && this.active) {
			if (text && text.text !== '') this.pacer.push(text);
			await this.pacer.flush();
		}
		this.close();
	}

	public close(): void {
		this.pacer.close();
	}

	private async send(text: TelegramText): Promise<void> {
		const { api, chatId, draftId, thread } = this.options;
		const stop = this.options.canStop ? { can_stop: true, keep_on_stop: true } : {};
		await api.sendMessageDraft(chatId, draftId, text.text, { ...(text.entities.length > 0 ? { entities: [...text.entities] } : {}), ...thread, ...stop });
		this.accepted = true;
	}
}
