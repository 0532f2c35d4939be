import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './discord-harness.js';

const readerCommands = ['ask', 'story', 'top', 'latest', 'search', 'since'];
const serverCommands = ['subscribe', 'unsubscribe', 'settings', 'status', 'subscriptions'];

describe('discord user install: registration', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness();
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when the application supports user installs then reader commands install to servers and users, usable in servers, the bot DM and group DMs, and the fake accepts them', () => {
		const registered = harness.fake.commands.get('global') ?? [];
		for (const name of readerCommands) {
			const command = registered.find((candidate) => candidate.name === name);
			expect(command, name).toBeDefined();
			expect(command?.integration_types, name).toEqual([0, 1]);
			expect(command?.contexts, name).toEqual([0, 1, 2]);
			const options = command?.options as { name: string; type: number; required: boolean }[];
			expect(options.at(-1), name).toMatchObject({ name: 'share', type: 5, required: false });
		}
	});

	it('when a command manages the server or the bot then it stays a server-install command, without share', () => {
		const registered = harness.fake.commands.get('global') ?? [];
		for (const name of serverCommands) {
			const command = registered.find((candidate) => candidate.name === name);
			expect(command, name).toBeDefined();
			expect(command?.integration_types, name).toEqual([0]);
			expect(command?.contexts, name).toEqual([0, 1]);
			expect(((command?.options ?? []) as { name: string }[]).map((option) => option.name), name).not.toContain('share');
		}
	});
});

describe('discord user install: an application without it', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ userInstall: false });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when User Install is not enabled then the commands are still registered, for server installs only (Discord would refuse USER_INSTALL)', () => {
		const registered = harness.fake.commands.get('global') ?? [];
		expect(registered.map((command) => command.name)).toEqual(expect.arrayContaining([...readerCommands, ...serverCommands]));
		for (const command of registered) expect(command.integration_types, String(command.name)).toEqual([0]);
	});
});

describe('discord user install: registration to one server', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ guildId: '112233445566778899' });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when commands are registered to one server then they carry no installs or contexts, which Discord reads on global commands only', () => {
		const registered = harness.fake.commands.get('112233445566778899') ?? [];
		expect(registered.length).toBeGreaterThan(5);
		for (const command of registered) {
			expect(command.integration_types, String(command.name)).toBeUndefined();
			expect(command.contexts, String(command.name)).toBeUndefined();
		}
	});
});
