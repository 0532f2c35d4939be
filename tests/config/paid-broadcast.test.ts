import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/errors/config-error.js';

describe('when TELEGRAM_MESSAGES_PER_SECOND is above Telegram\'s free 30', () => {
	it('then it is refused without TELEGRAM_PAID_BROADCAST, naming both variables and why', () => {
		let error: unknown;
		try {
			loadConfig({ TELEGRAM_MESSAGES_PER_SECOND: '300' });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).variables).toEqual(['TELEGRAM_MESSAGES_PER_SECOND']);
		expect((error as ConfigError).message).toContain('TELEGRAM_MESSAGES_PER_SECOND: may be above 30 only with TELEGRAM_PAID_BROADCAST=true');
		expect((error as ConfigError).message).toContain('paid broadcasts');
	});

	it('then it is accepted with TELEGRAM_PAID_BROADCAST=true, and 30 needs nothing', () => {
		expect(loadConfig({ TELEGRAM_MESSAGES_PER_SECOND: '300', TELEGRAM_PAID_BROADCAST: 'true' })).toMatchObject({ TELEGRAM_MESSAGES_PER_SECOND: 300, TELEGRAM_PAID_BROADCAST: true });
		expect(loadConfig({ TELEGRAM_MESSAGES_PER_SECOND: '30' })).toMatchObject({ TELEGRAM_PAID_BROADCAST: false });
	});
});

describe('when the process role is set', () => {
	it('then all, web and worker are accepted and anything else is refused by name', () => {
		expect(loadConfig({}).ROLE).toBe('all');
		expect(loadConfig({ ROLE: 'worker' }).ROLE).toBe('worker');
		expect(() => loadConfig({ ROLE: 'boss' })).toThrow(/ROLE/);
	});
});
