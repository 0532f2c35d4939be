import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/errors/config-error.js';

const messageOf = (env: Record<string, string>): string => {
	try {
		loadConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) return error.message;
		throw error;
	}
	throw new Error('configuration was accepted');
};

describe('when the /ask and LLM settings are loaded', () => {
	it('then nothing set means extractive answers, 5 questions a minute and the documented limits', () => {
		const settings = loadConfig({});
		expect(settings.LLM_BASE_URL).toBeUndefined();
		expect(settings).toMatchObject({ LLM_STALL_MS: 20_000, LLM_TIMEOUT_MS: 120_000, LLM_MAX_TOKENS: 800, ASK_PER_MINUTE: 5 });
	});

	it('then a base URL without a model is refused naming LLM_MODEL', () => {
		expect(messageOf({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toContain('LLM_MODEL: is required when LLM_BASE_URL is set');
	});

	it('then a base URL keeps its /v1 path, loses a trailing slash, and must be http(s)', () => {
		expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', LLM_MODEL: 'qwen3:4b' }).LLM_BASE_URL).toBe('http://127.0.0.1:11434/v1');
		expect(messageOf({ LLM_BASE_URL: 'ollama', LLM_MODEL: 'm' })).toContain('LLM_BASE_URL');
	});

	it('then a bad value elsewhere never echoes the API key', () => {
		const message = messageOf({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_API_KEY: 'sk-very-secret-key', LLM_STALL_MS: 'soon' });
		expect(message).toContain('LLM_STALL_MS');
		expect(message).not.toContain('sk-very-secret-key');
	});

	it('then an embedding model is optional and blank means none', () => {
		expect(loadConfig({ LLM_EMBED_MODEL: ' ' }).LLM_EMBED_MODEL).toBeUndefined();
		expect(loadConfig({ LLM_EMBED_MODEL: 'nomic-embed-text' }).LLM_EMBED_MODEL).toBe('nomic-embed-text');
	});

	it('then limits are numbers within bounds', () => {
		expect(messageOf({ ASK_PER_MINUTE: '0' })).toContain('ASK_PER_MINUTE');
		expect(messageOf({ LLM_MAX_TOKENS: 'lots' })).toContain('LLM_MAX_TOKENS');
		expect(loadConfig({ ASK_PER_MINUTE: '12', LLM_TIMEOUT_MS: '5000' })).toMatchObject({ ASK_PER_MINUTE: 12, LLM_TIMEOUT_MS: 5000 });
	});
});
