import { GrammyError, type Api } from 'grammy';
import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { Logger } from '../../../src/logger.js';
import { LatestPacer } from '../../reply/latest-pacer.js';
import { describeTelegramError } from '../telegram-errors.js';
import type { RichSupport } from './rich-support.js';

export interface RichDraftStreamOptions {
	readonly api: Api;
	readonly chatId: number;
	readonly thread: { message_thread_id?: number };
	/** Non-zero and unique per answer: Telegram animates changes to drafts with the same id. */
	readonly draftId: number;
	readonly intervalMs: number;
	/** No answer draft before this many ms from the start: an answer complete sooner needs no preview. */
	readonly firstAfterMs: number;
	/** Drafts show Telegram's stop button; a press arrives as a `stopped_message_generation` update. */
	readonly canStop: boolean;
	readonly refreshMs: number;
	/** The words of the Thinking block, in the answer's language. */
	readonly thinking: string;
	readonly support: RichSupport;
	readonly log?: Logger;
}

/**
 * A draft as the pacer holds it: "Thinking…", or the answer as of `version` parts, rendered only
 * when it is sent, so an answer written a token at a time is rendered once per draft, not per token.
 */
type RichDraft = { readonly version: -1 } | { readonly version: number; readonly render: () => InputRichMessageWithoutUpload | undefined };

/**
 * The live preview of one answer in a private chat as rich drafts (`sendRichMessageDraft`, Bot
 * API 10.1): a Thinking block at once (`thinking`, a block drafts alone may hold), then the answer
 * as it grows, paced by the shared latest-wins pacer with the draft rules (first draft after
 * `firstAfterMs`, a refresh before Telegram drops the draft after 30 s, the final one flushed last).
 * https://core.telegram.org/bots/api#sendrichmessagedraft
 *
 * A draft is a nicety: refused, the stream turns itself off and the answer is just sent. A server
 * that does not know the method is noted in `RichSupport`, so the answer and the next ones go the
 * entity way.
 */
export class RichDraftStream {
	private readonly pacer: LatestPacer<RichDraft>;
	private refused = false;
	private accepted = false;

	public constructor(private readonly options: RichDraftStreamOptions) {
		this.pacer = new LatestPacer<RichDraft>({
			intervalMs: options.intervalMs,
			shownAt: Number.NEGATIVE_INFINITY,
			firstAfterMs: options.firstAfterMs,
			urgent: (draft) => draft.version === -1,
			same: (a, b) => a.version === b.version,
			refreshMs: options.refreshMs,
			apply: (draft) => this.send(draft),
			onError: (error) => {
				if (error instanceof GrammyError && error.error_code === 429) return;
				this.refused = true;
				this.pacer.close();
				options.support.noteRefusal(error);
				options.log?.debug({ err: describeTelegramError(error) }, 'rich draft refused; sending without drafts');
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

	public thinking(): void {
		this.pacer.push({ version: -1 });
	}

	/** The answer as of `version` parts; `render` runs only if this draft is sent. */
	public show(version: number, render: () => InputRichMessageWithoutUpload | undefined): void {
		if (this.active) this.pacer.push({ version, render });
	}

	/** Makes the last draft the final message's content, so the preview ends exactly as the message that replaces it. Nothing is sent if no draft was. */
	public async finish(version: number, rich: InputRichMessageWithoutUpload | undefined): Promise<void> {
		if (this.pacer.started && this.active) {
			if (rich) this.pacer.push({ version, render: () => rich });
			await this.pacer.flush();
		}
		this.close();
	}

	public close(): void {
		this.pacer.close();
	}

	private async send(draft: RichDraft): Promise<void> {
		const { api, chatId, draftId, thread } = this.options;
		const rich = 'render' in draft ? draft.render() : { blocks: [{ type: 'thinking' as const, text: this.options.thinking }] };
		if (!rich) return;
		await api.sendRichMessageDraft(chatId, draftId, rich, { ...thread, ...(this.options.canStop ? { can_stop: true, keep_on_stop: true } : {}) });
		this.options.support.noteAccepted();
		this.accepted = true;
	}
}
