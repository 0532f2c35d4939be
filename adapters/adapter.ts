import type { Archive } from '../src/archive/archive.js';
import type { Dispatcher } from '../src/command/dispatcher.js';
import type { Settings } from '../src/config/config.js';
import type { Logger } from '../src/logger.js';

/** What the composition root hands every platform adapter. */
export interface AdapterDeps {
	readonly settings: Settings;
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
}

/** A started adapter. `stop` finishes in-flight replies and closes connections. */
export interface RunningAdapter {
	readonly name: string;
	stop(): Promise<void>;
}
