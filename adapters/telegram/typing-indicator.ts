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
 * spend a request. Failures are ignored; the indicator never breaks an answer.
 * https://core.telegram.org/bots/api#sendchataction
 */
export function startTyping(api: Api, chatId: number, thread: { message_thread_id?: number }, afterMs: number): TypingIndicator {
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const schedule = (delay: number): void => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			api.sendChatAction(chatId, 'typing', thread).catch(() => undefined);
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
