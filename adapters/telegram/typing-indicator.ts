import type { Api } from 'grammy';

export interface TypingIndicator {
	/** A message was just sent, which clears "typing…" on clients: wait again before re-showing it. */
	pause(): void;
	stop(): void;
}

/** Telegram shows a chat action for about 5 seconds; refresh a little before it fades. */
const refreshMs = 4_500;

/**
 * Shows "typing…" only when an answer is slow: a fast answer would flash it for nothing and
 * spend a request. `wanted` says whether it is still needed when due (a live draft already
 * shows the answer coming). Failures are ignored; the indicator never breaks an answer.
 * https://core.telegram.org/bots/api#sendchataction
 */
export function startTyping(api: Api, chatId: number, thread: { message_thread_id?: number }, afterMs: number, wanted: () => boolean = () => true): TypingIndicator {
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const schedule = (delay: number): void => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (wanted()) api.sendChatAction(chatId, 'typing', thread).catch(() => undefined);
			schedule(refreshMs);
		}, delay);
	};
	schedule(afterMs);
	return {
		pause: () => schedule(afterMs),
		stop: () => {
			stopped = true;
			clearTimeout(timer);
		},
	};
}
