import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { configFailureOf } from '../helpers/config-failure.js';


describe('when Discord shards are configured', () => {
	it('then neither variable means one process holds every shard', () => {
		const settings = loadConfig({});
		expect(settings.DISCORD_SHARD_IDS).toEqual([]);
		expect(settings.DISCORD_SHARD_COUNT).toBeUndefined();
	});

	it('then ids below the count are read as numbers', () => {
		const settings = loadConfig({ DISCORD_SHARD_IDS: '0, 2', DISCORD_SHARD_COUNT: '4' });
		expect(settings.DISCORD_SHARD_IDS).toEqual([0, 2]);
		expect(settings.DISCORD_SHARD_COUNT).toBe(4);
	});

	it('then one without the other names the missing variable', () => {
		expect(configFailureOf({ DISCORD_SHARD_IDS: '0' }).message).toContain('DISCORD_SHARD_COUNT: is required when DISCORD_SHARD_IDS is set');
		expect(configFailureOf({ DISCORD_SHARD_COUNT: '2' }).message).toContain('DISCORD_SHARD_IDS: is required when DISCORD_SHARD_COUNT is set');
	});

	it('then an id at or above the count, a repeated id, a word or a count of 0 is refused with the variable named', () => {
		expect(configFailureOf({ DISCORD_SHARD_IDS: '0,2', DISCORD_SHARD_COUNT: '2' }).message).toContain('DISCORD_SHARD_IDS: must be below DISCORD_SHARD_COUNT (2)');
		expect(configFailureOf({ DISCORD_SHARD_IDS: '1,1', DISCORD_SHARD_COUNT: '2' }).message).toContain('DISCORD_SHARD_IDS: lists a shard twice');
		expect(configFailureOf({ DISCORD_SHARD_IDS: 'first', DISCORD_SHARD_COUNT: '2' }).variables).toEqual(['DISCORD_SHARD_IDS']);
		expect(configFailureOf({ DISCORD_SHARD_IDS: '0', DISCORD_SHARD_COUNT: '0' }).variables).toEqual(['DISCORD_SHARD_COUNT']);
	});
});
