/**
 * Loaded into the bot process the soak benchmark runs (`--import`): answers the benchmark's
 * `sample` message with the process's memory after a full collection, so a reading is the live
 * heap rather than whatever garbage happened to be waiting. Needs `--expose-gc`.
 */
process.on('message', (message: unknown) => {
	if (message !== 'sample') return;
	(globalThis as { gc?: () => void }).gc?.();
	const { rss, heapUsed } = process.memoryUsage();
	process.send?.({ rss, heapUsed });
});
