import { GrammyError } from 'grammy';

/**
 * Whether the Bot API server this bot talks to speaks rich messages (Bot API 10.1:
 * `sendRichMessage`, `sendRichMessageDraft`, `editMessageText` with `rich_message`).
 *
 * Not every server does: a self-hosted `telegram-bot-api` of an older version or a test server
 * answers a method it does not know with 404 "Not Found: method not found". The bot learns that
 * from the first such refusal (or from `TELEGRAM_RICH=off`), remembers it for the life of the
 * process, and renders the old way (entities, several messages) from then on. The caller that
 * met the refusal sends that same answer or post the old way, so nothing is lost.
 *
 * One instance per process, shared by replies and posts, so that one refusal spares every later
 * request the failed round trip.
 */
export class RichSupport {
	#state: 'untried' | 'speaks' | 'lacks';

	public constructor(enabled = true) {
		this.#state = enabled ? 'untried' : 'lacks';
	}

	/** True while rich messages are worth trying: not turned off, and no server refusal seen. */
	public get enabled(): boolean {
		return this.#state !== 'lacks';
	}

	/** What is known so far, for `/status` and logs. */
	public get state(): 'untried' | 'speaks' | 'lacks' {
		return this.#state;
	}

	/** A rich method was accepted: the server speaks 10.1. */
	public noteAccepted(): void {
		if (this.#state === 'untried') this.#state = 'speaks';
	}

	/**
	 * Reads a failed rich call. True when it says the server lacks the method (then every later
	 * call renders the old way); false for any other failure, which the caller handles as usual
	 * (a chat that refuses one rich message for its own reasons gets that one the old way).
	 */
	public noteRefusal(error: unknown): boolean {
		if (!isMethodNotFound(error)) return false;
		this.#state = 'lacks';
		return true;
	}
}

/**
 * Telegram's answer to a method the server does not know: 404 "Not Found: method not found"
 * (older servers say only "Not Found"). The Bot API answers 404 for nothing else a bot sends.
 */
export function isMethodNotFound(error: unknown): boolean {
	return error instanceof GrammyError && error.error_code === 404;
}
