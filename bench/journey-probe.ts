/**
 * Loaded into the bot process the journey measurement runs (`--import`): on `start` it begins
 * counting calls per function (V8 precise coverage), on `take` it answers with the project's
 * source files in which any function ran since the previous `take`, and resets the counts. Two
 * takes around one command are the files that command passed through.
 */
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

const session = new Session();
session.connect();
const root = fileURLToPath(new URL('..', import.meta.url));

interface ScriptCoverage {
	readonly url: string;
	readonly functions: readonly { readonly ranges: readonly { readonly count: number }[] }[];
}

process.on('message', (message: unknown) => {
	if (message === 'start') {
		void session
			.post('Profiler.enable')
			.then(() => session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false }))
			.then(() => process.send?.({ started: true }));
	} else if (message === 'take') {
		void session.post('Profiler.takePreciseCoverage').then((coverage) => {
			const files = new Set<string>();
			for (const script of (coverage as { result: readonly ScriptCoverage[] }).result) {
				if (!script.url.startsWith('file://')) continue;
				const path = fileURLToPath(script.url);
				if (!path.startsWith(root) || path.includes('/node_modules/') || path.includes('/bench/')) continue;
				if (script.functions.some((fn) => fn.ranges.some((range) => range.count > 0))) files.add(path.slice(root.length));
			}
			process.send?.({ files: [...files].sort() });
		});
	}
});
