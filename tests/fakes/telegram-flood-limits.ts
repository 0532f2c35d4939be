/** Telegram's broadcast limits as the fake enforces them (its own numbers, or scaled for a benchmark). */
export interface FloodLimits {
	readonly perSecond: number;
	readonly perChatPerSecond: number;
	readonly groupPerMinute: number;
}

/** The documented limits: https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this */
export const telegramFloodLimits: FloodLimits = { perSecond: 30, perChatPerSecond: 1, groupPerMinute: 20 };

/**
 * Messages sent within the last `windowMs`. A sliding log is the strictest reading of
 * "N messages per second": Telegram does not document its algorithm, and a bot that stays
 * under a sliding window stays under any fixed one too.
 */
class SlidingWindow {
	private readonly times: number[] = [];
	private head = 0;

	public constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {}

	/** Milliseconds until one more message fits; 0 when it fits now. */
	public wait(now: number): number {
		while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head += 1;
		if (this.head > 4096) {
			this.times.splice(0, this.head);
			this.head = 0;
		}
		return this.times.length - this.head >= this.limit ? this.times[this.head]! + this.windowMs - now : 0;
	}

	public count(now: number): void {
		this.times.push(now);
	}
}

/**
 * The fake's flood control: a send over the overall, per-chat or per-group ceiling is refused
 * with the seconds to wait, as Telegram answers 429 `retry_after`; a refused send counts
 * against no window.
 */
export class FloodControl {
	public rejected = 0;
	private readonly overall: SlidingWindow;
	private readonly perChat = new Map<string, SlidingWindow>();
	private readonly perGroup = new Map<string, SlidingWindow>();

	public constructor(private readonly limits: FloodLimits) {
		this.overall = new SlidingWindow(limits.perSecond, 1_000);
	}

	/** Seconds to wait before this send would be accepted; 0 when it is accepted (and counted). */
	public admit(chatId: string, now = Date.now()): number {
		const windows = [this.overall, this.window(this.perChat, chatId, this.limits.perChatPerSecond, 1_000)];
		if (chatId.startsWith('-')) windows.push(this.window(this.perGroup, chatId, this.limits.groupPerMinute, 60_000));
		const wait = Math.max(...windows.map((window) => window.wait(now)));
		if (wait > 0) {
			this.rejected += 1;
			return Math.max(1, Math.ceil(wait / 1000));
		}
		for (const window of windows) window.count(now);
		return 0;
	}

	private window(map: Map<string, SlidingWindow>, chatId: string, limit: number, windowMs: number): SlidingWindow {
		let found = map.get(chatId);
		if (!found) map.set(chatId, (found = new SlidingWindow(limit, windowMs)));
		return found;
	}
}
