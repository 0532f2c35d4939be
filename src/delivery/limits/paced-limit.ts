/**
 * Share of a limit left unused. Part pays for a small burst, the rest absorbs jitter between
 * when the bot counts a message and when the platform does.
 */
const headroom = 0.03;

/**
 * "At most `limit` messages in any `windowMs`", kept by spacing messages evenly instead of
 * counting them in fixed windows. Fixed windows let a full window's worth go at the end of one
 * window and again at the start of the next, twice the limit within one second of the
 * platform's clock: that is how the bot used to earn hundreds of 429s at ten times Telegram's
 * scale. This is the generic cell rate algorithm (virtual scheduling): each key has a
 * theoretical time for its next message, a message may run ahead of it by a small burst, and
 * every message pushes it on by one interval. The rate is 97 % of the limit and the burst 1 % of
 * it (at least one message), so even a burst followed by a full window of evenly spaced messages
 * stays 2 % under the limit. https://en.wikipedia.org/wiki/Generic_cell_rate_algorithm
 */
/** The spacing of a rule as the cell rate algorithm keeps it, in milliseconds. */
export interface Pacing {
	/** Between messages at the sustained rate (97 % of the rule). */
	readonly interval: number;
	/** How far ahead of its schedule a key may send: the burst less the message itself. */
	readonly tolerance: number;
	/** Messages that may go at once: 1 % of the limit, at least one. */
	readonly burst: number;
}

/** The one reading of a rule as a pacing, shared by the in-process limit below and the Redis one (redis-rate-limiter.ts). */
export function pacingOf(limit: number, windowMs: number): Pacing {
	const interval = windowMs / (limit * (1 - headroom));
	const burst = Math.max(1, Math.floor(limit * (headroom / 3)));
	return { interval, tolerance: (burst - 1) * interval, burst };
}

export class PacedLimit {
	/** Milliseconds between messages at the sustained rate. */
	private readonly interval: number;
	/** How far ahead of its schedule a key may send (the burst, less the message itself). */
	private readonly tolerance: number;
	/** The theoretical time of each key's next message; a key not here (or past it) is idle. */
	private readonly due = new Map<string, number>();
	private sweepAt = 1_024;

	public constructor(limit: number, windowMs: number) {
		({ interval: this.interval, tolerance: this.tolerance } = pacingOf(limit, windowMs));
	}

	/** Milliseconds until one more message to `key` conforms; 0 when it may go now. Counts nothing. */
	public wait(key: string, now: number): number {
		const due = this.due.get(key);
		return due === undefined ? 0 : Math.max(0, due - this.tolerance - now);
	}

	/** Counts a message to `key` sent at `now`; call only after `wait` said 0. */
	public take(key: string, now: number): void {
		this.due.set(key, Math.max(this.due.get(key) ?? now, now) + this.interval);
		if (this.due.size > this.sweepAt) this.sweep(now);
	}

	/** Forgets idle keys, so one broadcast to 100,000 chats does not stay in memory. */
	private sweep(now: number): void {
		for (const [key, due] of this.due) if (due <= now) this.due.delete(key);
		this.sweepAt = Math.max(1_024, this.due.size * 2);
	}
}
