import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../builders/digest-builder.js';
import { cardText } from '../../fakes/discord-messages.js';
import { FakeDiscordServer, type FakeInteraction } from '../../fakes/discord-server.js';
import { fakeToken, standardDigest } from './discord-harness.js';
import { isComponentsV2Flag } from '../../../adapters/discord/components-v2/v2-limits.js';

const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

/** The bot as an operator runs it: `npm start` with a token and an API root, nothing else. */
describe('npm start with DISCORD_TOKEN and DISCORD_API_ROOT', () => {
	let fake: FakeDiscordServer;
	let bot: ChildProcess;
	let folder: string;
	let output = '';

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		folder = await mkdtemp(join(tmpdir(), 'digestbot-discord-'));
		await writeFile(join(folder, '2026-04-01.md'), buildDigest(standardDigest));
		bot = spawn('npm', ['start', '--silent'], {
			cwd: process.cwd(),
			// Its own process group, so the whole npm → tsx → node chain can be stopped together.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_TOKEN: fakeToken, DISCORD_API_ROOT: fake.apiRoot, DIGEST_DIR: folder, STORE_URL: 'memory://', DATA_DIR: folder, LOG_LEVEL: 'info' },
		});
		bot.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		bot.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	}, 30_000);

	afterAll(async () => {
		if (bot?.pid && bot.exitCode === null) {
			const exited = new Promise((resolve) => bot.once('exit', resolve));
			process.kill(-bot.pid, 'SIGTERM');
			await exited;
		}
		await fake?.close();
		if (folder) await rm(folder, { recursive: true, force: true });
	});

	it('when the bot starts, then it registers its commands, answers /top, /story 3 and /story 99 as Components V2 cards (the default), stays up, and never prints the token', async () => {
		await fake.waitFor(`command registration (bot output so far: ${output.slice(-500)})`, () => fake.commands.get('global'), 25_000);
		expect(fake.commands.get('global')?.map((command) => command.name)).toContain('story');

		const top = fake.slashCommand('top');
		const topCard = await fake.waitFor('/top', () => answered(top));
		expect(topCard.flags & isComponentsV2Flag).toBe(isComponentsV2Flag);
		expect(cardText(topCard)).toContain('Top stories');

		const story = fake.slashCommand('story', { number: 3 });
		const storyCard = cardText(await fake.waitFor('/story 3', () => answered(story)));
		expect(storyCard).toContain('Open weights');
		expect(storyCard).toContain('Apr 1, 2026');

		const missing = fake.slashCommand('story', { number: 99 });
		const error = await fake.waitFor('/story 99', () => answered(missing));
		expect(missing.callbacks[0]?.data?.flags).toBe(64);
		expect(cardText(error)).toContain('There is no story 99');

		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(bot.exitCode).toBeNull();
		expect(output).not.toContain(fakeToken);
		expect(output).toContain('discord adapter ready');
	}, 40_000);
});
