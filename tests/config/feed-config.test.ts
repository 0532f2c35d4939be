import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/errors/config-error.js';

describe('when feeds are configured', () => {
	it('then FEED_URLS is split on commas, the poll defaults to 15 minutes and private addresses are refused', () => {
		const settings = loadConfig({ FEED_URLS: 'https://a.example.org/feed, https://b.example.org/rss' });
		expect(settings.FEED_URLS).toEqual(['https://a.example.org/feed', 'https://b.example.org/rss']);
		expect(settings.FEED_POLL_MINUTES).toBe(15);
		expect(settings.FEED_ALLOW_PRIVATE).toBe(false);
		expect(loadConfig({ FEED_ALLOW_PRIVATE: 'true', FEED_POLL_MINUTES: '0.5' })).toMatchObject({ FEED_ALLOW_PRIVATE: true, FEED_POLL_MINUTES: 0.5 });
	});

	it('then a bad feed URL is named by its position, never echoed (a private feed URL carries a token)', () => {
		let error: unknown;
		try {
			loadConfig({ FEED_URLS: 'https://ok.example.org/feed,ftp://secret-token@files.example.org/feed', FEED_ALLOW_PRIVATE: 'yes' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConfigError);
		const message = (error as ConfigError).message;
		expect(message).toContain('FEED_URLS: entry 2 is not an http(s) URL');
		expect(message).toContain('FEED_ALLOW_PRIVATE: must be true or false');
		expect(message).not.toContain('secret-token');
	});
});
