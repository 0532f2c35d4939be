import { watch } from 'chokidar';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import { ingestFile } from './ingest.js';
import { digestFilePattern } from '../parser/parse-issue.js';
import { createSerialLock } from '../sync/serial-lock.js';

export interface DigestWatcherOptions {
	readonly directory: string;
	readonly archive: Archive;
	readonly log?: Logger;
	/** How long a file's size must stay unchanged before it is read. */
	readonly stableMs?: number;
}

export interface DigestWatcher {
	close(): Promise<void>;
}


/**
 * Ingests digests that appear in (or change in) DIGEST_DIR while the bot runs; what was there
 * before the start is the start-up scan's job (`ingestDirectory`).
 *
 * chokidar rather than `fs.watch`: a publisher copying a file produces several events, some
 * before the last byte is written, and a truncated digest can still parse and would then be
 * posted. chokidar's `awaitWriteFinish` waits until the size stops changing and coalesces the
 * events; `fs.watch` would need that written by hand, plus rename handling across platforms.
 */
export async function startDigestWatcher(options: DigestWatcherOptions): Promise<DigestWatcher> {
	const lock = createSerialLock();
	const stableMs = options.stableMs ?? 500;
	const watcher = watch(options.directory, {
		ignoreInitial: true,
		// One level down: a sub-folder is a publication (`DIGEST_DIR/<slug>/`); deeper ones are not read.
		depth: 1,
		// Dot-files are work in progress (the CLI writes `.name.publishing` and renames it).
		ignored: (path, stats) => /(^|[/\\])\./.test(path.slice(options.directory.length)) || (stats?.isFile() === true && !digestFilePattern.test(path)),
		awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.max(10, Math.round(stableMs / 5)) },
	});
	const ingest = (path: string): void => {
		if (!digestFilePattern.test(path)) return;
		lock
			.run(() => ingestFile(options.archive, path, options.log))
			.catch((error: unknown) => options.log?.error({ err: error, file: path }, 'ingesting a new digest failed'));
	};
	watcher.on('add', ingest).on('change', ingest);
	watcher.on('error', (error) => options.log?.error({ err: error, directory: options.directory }, 'watching the digest folder failed'));
	await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
	options.log?.info({ directory: options.directory }, 'watching for new digests');
	return {
		async close() {
			await watcher.close();
			await lock.run(async () => undefined);
		},
	};
}
