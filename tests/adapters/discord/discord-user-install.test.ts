import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../../src/command/command.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { managerPermissions } from '../../fakes/discord-guild.js';
import { buttonIds, type FakeDiscordServer, type FakeInteraction } from '../../fakes/discord-server.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/openai-server.js';
import { startHarness, type Harness } from './discord-harness.js';

const ephemeral = 64;
const readerCommands = ['ask', 'story', 'top', 'latest', 'search', 'since'];
const serverCommands = ['subscribe', 'unsubscribe', 'settings', 'status', 'subscriptions'];

const chunks = ['Qwen released ', 'small models ', ...Array.from({ length: 30 }, (_, index) => `More detail ${index + 1} about the release. `), 'The end.'];

/** An answer far longer than six messages: where Discord allows 5 follow-ups it must be cut, never refused. */
const longAnswer = defineCommand({
	name: 'longanswer',
	description: 'a very long answer',
	usage: '/longanswer',
	options: [],
	schema: z.object({}),
	async *run() {
		for (let index = 0; index < 40; index += 1) yield { type: 'paragraph', spans: [{ text: `Paragraph ${index + 1}. ${'words '.repeat(150)}` }] };
	},
});

/** Calls that need the bot in the channel or the server: posting, typing, fetching a channel or a member. */
const channelCalls = (fake: FakeDiscordServer, since: number) => fake.calls.filter((call) => call.at >= since && /^\/(channels|guilds)\//.test(call.path));

const isEphemeral = (interaction: FakeInteraction): boolean => ((interaction.callbacks[0]?.data?.flags as number | undefined) ?? 0) === ephemeral;

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

describe('discord user install: application settings that cannot be read', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ prepare: (fake) => fake.inject({ method: 'GET', path: /^\/applications\/@me$/, times: 10, response: { status: 500 } }) });
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when Discord does not say whether User Install is on then the command list is left as it was, not narrowed to servers', () => {
		expect(harness.fake.callsTo('PUT', /\/commands$/)).toEqual([]);
		expect(harness.fake.commands.has('global')).toBe(false);
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

describe('discord user install: answers where the bot is not a member', () => {
	let llm: FakeLlm;
	let harness: Harness;
	let store: SubscriptionStore;
	beforeAll(async () => {
		llm = await startFakeLlm({ script: { chunks }, charsPerSecond: 400 });
		store = createKeyvSubscriptionStore(new Keyv());
		harness = await startHarness({
			subscriptions: store,
			extraCommands: [longAnswer],
			adapter: { editIntervalMs: 500, firstBlockWaitMs: 500 },
			env: { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '100' },
		});
	});
	afterAll(async () => {
		await harness?.stop();
		await llm?.close();
	});

	it('when a reader uses /ask from their install in a server without the bot then the answer is ephemeral, streams by edits, and nothing is sent to the channel', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('ask', { question: 'what did Qwen release?' }, { userInstall: true });
		const answer = await fake.waitFor('the complete answer', () => interaction.original?.content.includes('The end.') && interaction.original, 20_000);
		expect(interaction.callbacks[0]?.type).toBe(5);
		expect(isEphemeral(interaction)).toBe(true);
		// Streamed: the reply grew over several edits before it was complete.
		expect(answer.history.length).toBeGreaterThanOrEqual(3);
		expect(answer.history[0]?.content).not.toContain('The end.');
		expect(interaction.followUps.every((message) => message.flags === ephemeral)).toBe(true);
		expect(channelCalls(fake, started)).toEqual([]);
	});

	it('when the reader passes share:true then the same answer is public', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('top', { n: 3, share: true }, { userInstall: true });
		const answer = await fake.waitFor('the answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original, 10_000);
		expect(isEphemeral(interaction)).toBe(false);
		expect(JSON.stringify(answer.embeds) + answer.content).toContain('Chips get cheaper');
		expect(channelCalls(fake, started)).toEqual([]);
	});

	it('when a reader subscribes from their install then they are told, privately, that it needs the server install, and nothing is subscribed', async () => {
		const { fake } = harness;
		const started = Date.now();
		const interaction = fake.slashCommand('subscribe', {}, { userInstall: true, memberPermissions: managerPermissions });
		const answer = await fake.waitFor('the refusal', () => (interaction.original?.edits ?? 0) > 0 && interaction.original, 10_000);
		expect(isEphemeral(interaction)).toBe(true);
		expect(answer.content).toContain('server install');
		expect(answer.content).toContain('/subscribe');
		expect(await store.activeIds()).toEqual([]);
		expect(channelCalls(fake, started)).toEqual([]);
	});

	it('when a reader uses their install in a group DM then the answer is theirs alone and subscribing there is refused', async () => {
		const { fake } = harness;
		const started = Date.now();
		const top = fake.slashCommand('top', { n: 2 }, { userInstall: true, dm: true });
		await fake.waitFor('the answer', () => (top.original?.edits ?? 0) > 0 && top.original, 10_000);
		expect(isEphemeral(top)).toBe(true);
		const subscribe = fake.slashCommand('subscribe', {}, { userInstall: true, dm: true });
		const refusal = await fake.waitFor('the refusal', () => (subscribe.original?.edits ?? 0) > 0 && subscribe.original, 10_000);
		expect(isEphemeral(subscribe)).toBe(true);
		expect(refusal.content).toContain("can't post");
		expect(await store.activeIds()).toEqual([]);
		expect(channelCalls(fake, started)).toEqual([]);
	});

	it('when a reader with a Russian client subscribes from their install then the refusal is in Russian', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', {}, { userInstall: true, memberPermissions: managerPermissions, locale: 'ru' });
		const answer = await fake.waitFor('the refusal', () => (interaction.original?.edits ?? 0) > 0 && interaction.original, 10_000);
		expect(answer.content).toContain('установка на сервер');
	});

	it('when an answer is longer than Discord allows a user install then it ends in the original response and 5 follow-ups, cut with a note, none refused', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('longanswer', {}, { userInstall: true });
		await fake.waitFor('the cut note', () => [interaction.original, ...interaction.followUps].some((message) => message?.content.includes('cut short')), 15_000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(interaction.followUps.length).toBe(5);
		expect(fake.calls.filter((call) => call.status === 400 && call.path.includes(interaction.token))).toEqual([]);
	});

	it('when a reader presses Sources under their private story then the sources come privately too', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 3 }, { userInstall: true });
		const message = await fake.waitFor('story 3', () => (story.original?.edits ?? 0) > 0 && story.original, 10_000);
		const sources = buttonIds(message).find((id) => id.includes('sources'));
		expect(sources).toBeDefined();
		const press = fake.pressButton(message, sources!, { userInstall: true });
		const reply = await fake.waitFor('the sources reply', () => (press.original?.edits ?? 0) > 0 && press.original, 10_000);
		expect(reply.content).toContain('Sources for story 3');
		expect(isEphemeral(press)).toBe(true);
	});

	it('when a reader passes share:false where the bot is a member then only they see the answer', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('top', { n: 3, share: false });
		await fake.waitFor('the answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original, 10_000);
		expect(isEphemeral(interaction)).toBe(true);
	});

	it('when the same command comes from a server with the bot then the answer is public as before', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('top', { n: 3 });
		await fake.waitFor('the answer', () => (interaction.original?.edits ?? 0) > 0 && interaction.original, 10_000);
		expect(isEphemeral(interaction)).toBe(false);
	});
});
