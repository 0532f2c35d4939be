import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../../src/logger.js';
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
 * The live preview of one answer in a private chat. Drafts are paced — one in flight, the next
 * an interval after Telegram answered the last — and always trailing: the text that arrives while a draft is
 * paced or in flight is the one sent next, so the latest text always gets out. A draft is a
 * nicety: if Telegram refuses drafts, the stream turns itself off and the answer is just sent.
 */
export class DraftStream {
	private latest: TelegramText | undefined;
	private sentText: string | undefined;
	private lastAt = Number.NEGATIVE_INFINITY;
	private readonly startedAt = Date.now();
	private inFlight: Promise<void> | undefined;
	private timer: NodeJS.Timeout | undefined;
	private refresher: NodeJS.Timeout | undefined;
	private closed = false;
	private refused = false;
	private accepted = false;
	/** The draft on screen is old enough to be re-sent before Telegram drops it. */
	private stale = false;

	public constructor(private readonly options: DraftStreamOptions) {}

	/** Whether drafts still work in this chat. */
	public get active(): boolean {
		return !this.refused && !this.closed;
	}

	/** Whether Telegram has taken a draft of this answer: the reader sees it coming. */
	public get delivered(): boolean {
		return this.accepted;
	}

	/** Whether any draft of this answer was sent. */
	public get shown(): boolean {
		return this.sentText !== undefined;
	}

	/** Shows "Thinking…" at once: Telegram renders that for a draft with empty text. */
	public thinking(): void {
		this.latest = { text: '', entities: [] };
		this.pump();
	}

	/** The answer as it reads now; sent when pacing allows. */
	public show(text: TelegramText | undefined): void {
		if (!text || text.text === '' || !this.active) return;
		this.latest = text;
		this.pump();
	}

	/**
	 * Makes the last draft the given text (the final message's), waiting for pacing, so the preview
	 * ends exactly as the message that replaces it begins. Nothing is sent if no draft was shown.
	 */
	public async finish(text: TelegramText | undefined): Promise<void> {
		if (text && text.text !== '' && this.shown && this.active) this.latest = text;
		while (this.shown && this.active) {
			if (this.inFlight) {
				await this.inFlight;
				continue;
			}
			if (!this.latest || this.latest.text === this.sentText) break;
			clearTimeout(this.timer);
			this.timer = undefined;
			const wait = this.lastAt + this.options.intervalMs - Date.now();
			if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
			else this.send(this.latest);
		}
		this.close();
	}

	public close(): void {
		this.closed = true;
		clearTimeout(this.timer);
		clearTimeout(this.refresher);
	}

	private pump(): void {
		if (!this.active || this.inFlight || this.timer || !this.latest) return;
		if (this.latest.text === this.sentText && !this.stale) return;
		const notBefore = Math.max(this.lastAt + this.options.intervalMs, this.latest.text === '' ? 0 : this.startedAt + this.options.firstAfterMs);
		const wait = notBefore - Date.now();
		if (wait > 0) {
			this.timer = setTimeout(() => {
				this.timer = undefined;
				this.pump();
			}, wait);
			return;
		}
		this.send(this.latest);
	}

	private send(text: TelegramText): void {
		const { api, chatId, draftId, thread } = this.options;
		this.lastAt = Date.now();
		this.sentText = text.text;
		this.stale = false;
		this.armRefresh();
		const stop = this.options.canStop ? { can_stop: true, keep_on_stop: true } : {};
		this.inFlight = api
			.sendMessageDraft(chatId, draftId, text.text, { ...(text.entities.length > 0 ? { entities: [...text.entities] } : {}), ...thread, ...stop })
			.then(
				() => {
					this.accepted = true;
				},
				(error: unknown) => {
					// A 429 that retrying could not wait out only costs this draft; anything else means no drafts here.
					if (error instanceof GrammyError && error.error_code === 429) return;
					this.refused = true;
					this.options.log?.debug({ err: describeTelegramError(error) }, 'draft refused; sending without drafts');
				},
			)
			.finally(() => {
				// Paced from when Telegram answered: a draft that waited out a 429 (or a slow network) arrived
				// that late, and the next must still keep its distance from it as Telegram sees them.
				this.lastAt = Date.now();
				this.inFlight = undefined;
				this.pump();
			});
	}

	/** During a long pause (a slow model) the same draft is sent again before Telegram lets it vanish. */
	private armRefresh(): void {
		clearTimeout(this.refresher);
		this.refresher = setTimeout(() => {
			if (!this.active || !this.latest) return;
			if (this.inFlight) return this.armRefresh();
			this.stale = true;
			this.pump();
		}, this.options.refreshMs);
		this.refresher.unref();
	}
}
