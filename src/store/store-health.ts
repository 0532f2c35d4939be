import type { Logger } from '../logger.js';
import { describeConnectionError, isExpectedDisconnect } from './connection-errors.js';
import { redactStoreUrl } from './store-url.js';

/**
 * `connecting`: never reached since start (nothing can be read yet); `up`; `down`: reached once,
 * lost now (the archive answers from memory, writes fail and say so).
 */
export type StoreState = 'connecting' | 'up' | 'down';

export interface StoreHealth {
	state(): StoreState;
	/** The connection is ready: ends an outage (one info line with its duration). */
	markUp(): void;
	/** A connection error: starts an outage (one warn line), or, if unexpected, is logged with its stack. */
	markDown(error: unknown): void;
	/** Told of every change of state (the `digestbot_store_up` gauge). */
	onChange(listener: (state: StoreState) => void): void;
	/** Resolves once the store is up (at once when it is). */
	whenUp(): Promise<void>;
}

export interface StoreHealthOptions {
	readonly url: string;
	readonly log: Logger;
	/** The longest pause between reconnect attempts, as the log line tells the operator. */
	readonly retryEveryMs: number;
	readonly now?: () => number;
}

/**
 * The store's up/down state, and the only place an outage is logged: a client emits an error
 * per failed reconnect attempt (dozens in a few seconds), which used to become a warn record
 * with a stack each. Here an outage is one warn line when it starts and one info line with its
 * duration when it ends; the URL in them is redacted.
 */
export function createStoreHealth(options: StoreHealthOptions): StoreHealth {
	const { log } = options;
	const now = options.now ?? Date.now;
	const store = redactStoreUrl(options.url);
	const retryEverySeconds = Math.round(options.retryEveryMs / 100) / 10;
	let state: StoreState = 'connecting';
	let downSince: number | undefined;
	let namedAtStart = false;
	const listeners: ((state: StoreState) => void)[] = [];
	let waiters: (() => void)[] = [];
	const change = (next: StoreState): void => {
		if (next === state) return;
		state = next;
		for (const listener of listeners) listener(next);
	};
	return {
		state: () => state,
		markUp() {
			if (state === 'down' && downSince !== undefined) log.info({ store, downMs: now() - downSince }, `store reachable again after ${((now() - downSince) / 1000).toFixed(1)} s`);
			else if (state === 'connecting' && namedAtStart) log.info({ store }, 'store reachable');
			downSince = undefined;
			change('up');
			const ready = waiters;
			waiters = [];
			for (const resolve of ready) resolve();
		},
		markDown(error) {
			const expected = isExpectedDisconnect(error);
			if (!expected) log.warn({ err: error, store }, 'store error');
			if (state === 'connecting') {
				if (namedAtStart) return;
				namedAtStart = true;
				log.warn({ store, error: describeConnectionError(error), retryEverySeconds }, `store unreachable at start: ${store} (${describeConnectionError(error)}); retrying every ${retryEverySeconds} s at most, with back-off`);
				return;
			}
			if (state === 'down') return;
			downSince = now();
			log.warn({ store, error: describeConnectionError(error), retryEverySeconds }, `store unavailable: ${store} (${describeConnectionError(error)}); retrying every ${retryEverySeconds} s at most, with back-off`);
			change('down');
		},
		onChange(listener) {
			listeners.push(listener);
		},
		whenUp() {
			if (state === 'up') return Promise.resolve();
			return new Promise((resolve) => waiters.push(resolve));
		},
	};
}

/** A store that needs no connection (SQLite, memory) is always up. */
export function alwaysUpStoreHealth(): StoreHealth {
	return { state: () => 'up', markUp() {}, markDown() {}, onChange() {}, whenUp: () => Promise.resolve() };
}
