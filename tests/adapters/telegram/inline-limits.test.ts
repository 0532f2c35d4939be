import { describe, expect, it } from 'vitest';
import { resultId, storyDeepLink } from '../../../adapters/telegram/inline-query.js';
import { longSlug } from '../publications-fixture.js';

/** The longest id the archive files an issue under: a publication's slug, a date and a title slug of 60 characters. */
const longestId = `${longSlug}-2026-04-08-${'a-very-long-undated-title-that-goes-on-and-on-for-sixty-chars'.slice(0, 60)}`;

describe('Telegram limits on what inline results and deep links carry', () => {
	it('when an issue id fits a start parameter then the deep link carries it and the story whole', () => {
		expect(storyDeepLink('digest_test_bot', `${longSlug}-2026-04-08`, 12)).toBe(`https://t.me/digest_test_bot?start=${longSlug}-2026-04-08-s12`);
	});

	it('when an issue id is too long for a start parameter then the link opens the bot without one, never a cut id that names another issue', () => {
		expect(storyDeepLink('digest_test_bot', longestId, 3)).toBe('https://t.me/digest_test_bot');
	});

	it('when two long issue ids share their first 64 bytes then their results still have distinct ids of at most 64 bytes', () => {
		const ids = [resultId(`${longestId}-x`, 1), resultId(`${longestId}-y`, 1), resultId(`${longestId}-x`, 12)];
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
		// A short id stays readable as it was.
		expect(resultId('2026-03-03', 3)).toBe('2026-03-03-s3');
	});
});
