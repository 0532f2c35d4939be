/** How one {@link LatestPacer} paces: the interval, and the draft rules a preview needs. */
export interface PacerOptions<T> {
	/** At least this long between two applications, measured from when the previous one finished (the platform answered). */
	readonly intervalMs: number;
	readonly apply: (value: T) => Promise<void>;
	/** A failed application is reported here and does not stop the next (a caller that wants it to calls `close`). */
	readonly onError: (error: unknown) => void;
	/**
	 * When the value on screen was shown: the first application keeps its distance from it too.
	 * Default now (a message just sent); `-Infinity` when nothing is on screen yet.
	 */
	readonly shownAt?: number;
	/**
	 * No application before this long after the pacer starts, unless `urgent` says a value may go
	 * at once: an answer complete sooner needs no preview (a draft's "first draft" rule).
	 */
	readonly firstAfterMs?: number;
	/** Values that skip `firstAfterMs` (Telegram's "Thinking…" draft, shown at once). */
	readonly urgent?: (value: T) => boolean;
	/** Whether two values read the same: a value that reads as the one last applied is not applied again. */
	readonly same?: (a: T, b: T) => boolean;
	/**
	 * Apply the last value again after this long without an application, however unchanged (a
	 * Telegram draft vanishes after 30 s, and a slow model may pause longer).
	 */
	readonly refreshMs?: number;
	/**
	 * Even when the interval allows it, apply only once the current turn of the event loop has
	 * ended, so that a burst pushed together (a command's blocks, ready at once) is one application.
	 */
	readonly coalesce?: boolean;
}

/**
 * The one "apply the latest value at most once per interval" of the adapters: Telegram drafts,
 * Discord's streamed edits and the live answers' edits all go through it.
 *
 * A value that arrives sooner than the interval allows waits, and is dropped if a newer one
 * arrives meanwhile, so the newest value is always applied last. The interval runs from when the
 * previous application finished, so the platform never sees two closer than `intervalMs`,
 * however slow the network. One application at a time; a failed one is reported and does not
 * stop the next. `flush` is the trailing flush: it waits until the latest value is applied,
 * ignoring the first-draft delay (the answer is complete) but never the interval.
 */
export class LatestPacer<T> {
	private latest: { readonly value: T } | undefined;
	private applied: { readonly value: T } | undefined;
	private lastAt: number;
	private readonly startedAt = Date.now();
	private running: Promise<void> | undefined;
	private timer: NodeJS.Timeout | undefined;
	private refresher: NodeJS.Timeout | undefined;
	private idle: (() => void)[] = [];
	private closed = false;
	private flushing = false;
	/** The value on screen is old enough to be applied again before the platform drops it. */
	private stale = false;
	/** With `coalesce`: the timer that just fired let the turn that pushed the value end. */
	private turnEnded = false;

	public constructor(private readonly options: PacerOptions<T>) {
		this.lastAt = options.shownAt ?? Date.now();
	}

	/** Whether an application has begun (a preview is, or is about to be, on screen). */
	public get started(): boolean {
		return this.applied !== undefined;
	}

	/** Whether the pacer still applies values (not closed). */
	public get open(): boolean {
		return !this.closed;
	}

	public push(value: T): void {
		if (this.closed) return;
		this.latest = { value };
		this.pump();
	}

	/** Resolves once the latest value pushed has been applied (or failed, or was cancelled), without waiting for the first-draft delay. */
	public flush(): Promise<void> {
		if (!this.latest && !this.running) return Promise.resolve();
		this.flushing = true;
		if (this.timer && !this.running) {
			clearTimeout(this.timer);
			this.timer = undefined;
			this.pump();
		}
		return new Promise((resolve) => this.idle.push(resolve));
	}

	/** Drops the value waiting to be applied; an application in flight still finishes (`flush` waits for it). */
	public cancel(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.latest = undefined;
		if (!this.running) this.settle();
	}

	/** Cancels and applies nothing more, refreshes included. */
	public close(): void {
		this.closed = true;
		clearTimeout(this.refresher);
		this.cancel();
	}

	private settle(): void {
		for (const resolve of this.idle.splice(0)) resolve();
	}

	private pump(): void {
		if (this.running || this.timer) return;
		const next = this.latest;
		if (!next || this.closed) {
			this.latest = undefined;
			this.settle();
			return;
		}
		const { same, firstAfterMs, urgent } = this.options;
		if (same && this.applied && !this.stale && same(next.value, this.applied.value)) {
			this.latest = undefined;
			this.settle();
			return;
		}
		const gate = firstAfterMs !== undefined && !this.flushing && urgent?.(next.value) !== true ? this.startedAt + firstAfterMs : Number.NEGATIVE_INFINITY;
		const wait = Math.max(this.lastAt + this.options.intervalMs, gate) - Date.now();
		if (wait > 0 || (this.options.coalesce === true && !this.turnEnded)) {
			this.timer = setTimeout(() => {
				this.timer = undefined;
				this.turnEnded = true;
				this.pump();
			}, Math.max(0, wait));
			return;
		}
		this.turnEnded = false;
		this.latest = undefined;
		this.applied = next;
		this.stale = false;
		this.armRefresh();
		this.running = this.options
			.apply(next.value)
			.catch(this.options.onError)
			.finally(() => {
				this.lastAt = Date.now();
				this.running = undefined;
				this.pump();
			});
	}

	/** During a long pause the last value is applied again before the platform lets it vanish. */
	private armRefresh(): void {
		const { refreshMs } = this.options;
		if (refreshMs === undefined) return;
		clearTimeout(this.refresher);
		this.refresher = setTimeout(() => {
			if (this.closed || !this.applied) return;
			if (this.running) return this.armRefresh();
			this.stale = true;
			this.latest ??= this.applied;
			this.pump();
		}, refreshMs);
		this.refresher.unref();
	}
}
