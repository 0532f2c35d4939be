import { afterAll, beforeAll } from 'vitest';
import { startSeveralPublications, type SeveralPublications } from '../publications-fixture.js';
import { startHarness, type Harness } from './telegram-harness.js';

/** What a describe block over several publications reads once its harness is up. */
export interface PublicationsHarness {
	readonly several: SeveralPublications;
	readonly harness: Harness;
}

/**
 * The Telegram harness over the three publications of publications-fixture.ts, started before the
 * describe block's tests and closed after them; `env` as the adapter reads it (`TELEGRAM_RICH`).
 */
export function useSeveralPublications(env?: Record<string, string>): PublicationsHarness {
	let several: SeveralPublications | undefined;
	let harness: Harness | undefined;
	beforeAll(async () => {
		several = await startSeveralPublications();
		harness = await startHarness({ archive: several.archive, publications: several.publications, ...(env ? { env } : {}) });
	});
	afterAll(async () => {
		await harness?.close();
		await several?.cleanup();
	});
	const started = <T>(value: T | undefined): T => {
		if (value === undefined) throw new Error('the publications harness is used before its beforeAll ran');
		return value;
	};
	return {
		get several() {
			return started(several);
		},
		get harness() {
			return started(harness);
		},
	};
}
