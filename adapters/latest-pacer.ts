/**
 * Applies the latest of a stream of values, at most one application per interval: a value that
 * arrives sooner waits, and is dropped if a newer one arrives meanwhile, so the newest value is
 * always applied last. The interval runs from when the previous application finished (the
 * platform answered), so the platform never sees two closer than `intervalMs`, however slow the
 * network. One application at a time; a failed one is reported and does not stop the next.
 */
export class LatestPacer<T> {
	private latest: { readonly value: T } | undefined;
	private lastAt: number;
	private running: Promise<void> | undefined;
	private timer: NodeJS.Timeout | undefined;
	private idle: (() => void)[] = [];

	public constructor(
		private readonly intervalMs: number,
		private readonly apply: (value: T) => Promise<void>,
		private readonly onError: (error: unknown) => void,
		/** When the value on screen was shown: the first application keeps its distance from it too. */
		shownAt = Date.now(),
	) {
		this.lastAt = shownAt;
	}

	public push(value: T): void {
		this.latest = { value };
		this.pump();
	}

	/** Resolves once the latest value pushed has been applied (or failed). */
	public flush(): Promise<void> {
		if (!this.latest && !this.running) return Promise.resolve();
		return new Promise((resolve) => this.idle.push(resolve));
	}

	public cancel(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.latest = undefined;
		for (const resolve of this.idle.splice(0)) resolve();
	}

	private pump(): void {
		if (this.running || this.timer) return;
		const next = this.latest;
		if (!next) {
			for (const resolve of this.idle.splice(0)) resolve();
			return;
		}
		const wait = this.lastAt + this.intervalMs - Date.now();
		if (wait > 0) {
			this.timer = setTimeout(() => {
				this.timer = undefined;
				this.pump();
			}, wait);
			return;
		}
		this.latest = undefined;
		this.running = this.apply(next.value)
			.catch(this.onError)
			.finally(() => {
				this.lastAt = Date.now();
				this.running = undefined;
				this.pump();
			});
	}
}
