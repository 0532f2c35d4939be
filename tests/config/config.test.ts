import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { configFailureOf } from '../helpers/config-failure.js';


describe('when the configuration is loaded', () => {
	it('then an empty environment gives the documented defaults', () => {
		const settings = loadConfig({});
		expect(settings).toMatchObject({ DIGEST_DIR: './digests', DATA_DIR: './data', ADMIN_IDS: [] });
		expect(settings.LOG_LEVEL).toBeUndefined();
		expect(settings.STORE_URL).toBeUndefined();
		expect(settings.TELEGRAM_BOT_TOKEN).toBeUndefined();
	});

	it('then a bad value is reported with the variable name and how to fix it, never the value', () => {
		const error = configFailureOf({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong', STORE_URL: 'mongodb://x', HTTP_PORT: 'eighty' });
		expect(error.variables).toEqual(expect.arrayContaining(['TELEGRAM_BOT_TOKEN', 'STORE_URL', 'HTTP_PORT']));
		expect(error.message).toContain('TELEGRAM_BOT_TOKEN: does not look like a token from @BotFather');
		expect(error.message).toContain('STORE_URL: must be sqlite://PATH, redis://HOST:PORT or memory://');
		expect(error.message).not.toContain('secret-but-wrong');
	});

	it('then API roots lose their trailing slash and must be http(s) URLs', () => {
		expect(loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' }).TELEGRAM_API_ROOT).toBe('http://127.0.0.1:8081');
		expect(configFailureOf({ DISCORD_API_ROOT: 'ftp://x' }).variables).toEqual(['DISCORD_API_ROOT']);
	});

	it('then admin ids are a list of numeric ids', () => {
		expect(loadConfig({ ADMIN_IDS: '123, 456 789' }).ADMIN_IDS).toEqual(['123', '456', '789']);
		expect(configFailureOf({ ADMIN_IDS: '12,bob' }).message).toContain('ADMIN_IDS');
	});
});
