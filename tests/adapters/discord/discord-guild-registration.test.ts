import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './discord-harness.js';

describe('discord registration to one server', () => {
	const guildId = '112233445566778899';
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ guildId });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when DISCORD_GUILD_ID is set, then the commands are registered to that server only', () => {
		expect(harness.fake.commands.get(guildId)?.map((command) => command.name)).toContain('story');
		expect(harness.fake.commands.has('global')).toBe(false);
	});
});
