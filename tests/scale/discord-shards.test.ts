import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../builders/digest-builder.js';
import { fakeToken, standardDigest } from '../adapters/discord/discord-harness.js';
import { startBot, type BotProcess } from '../e2e/bot-process.js';
import type { FakeGuild } from '../fakes/discord-guild.js';
import { cardText } from '../fakes/discord-messages.js';
import { shardOfGuild } from '../fakes/discord-payloads.js';
import { FakeDiscordServer, type FakeInteraction } from '../fakes/discord-server.js';

let fake: FakeDiscordServer | undefined;
let bots: BotProcess[] = [];
let folder: string | undefined;

afterEach(async () => {
	await Promise.all(bots.map((bot) => bot.kill('SIGKILL')));
	bots = [];
	await fake?.close();
	fake = undefined;
	if (folder) await rm(folder, { recursive: true, force: true });
	folder = undefined;
});

const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;
const callbacksOf = (server: FakeDiscordServer, interaction: FakeInteraction) => server.callsTo('POST', new RegExp(`^/interactions/${interaction.id}/`)).length;

describe('when two processes hold shards 0 and 1 of 2', () => {
	it('then each answers /top in its own servers, every server is answered once, and the commands are registered once', async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken, shards: 2 });
		const server = fake;
		const added = [server.addGuild({ onShard: [0, 2] }), server.addGuild({ onShard: [0, 2] }), server.addGuild({ onShard: [1, 2] }), server.addGuild({ onShard: [1, 2] })];
		const guilds: FakeGuild[] = [server.guild, ...added];
		folder = await mkdtemp(join(tmpdir(), 'digestbot-shards-'));
		await writeFile(join(folder, '2026-04-01.md'), buildDigest(standardDigest));
		const started = [0, 1].map((shard) =>
			startBot({ DISCORD_TOKEN: fakeToken, DISCORD_API_ROOT: server.apiRoot, DISCORD_SHARD_IDS: String(shard), DISCORD_SHARD_COUNT: '2', STORE_URL: 'memory://', DIGEST_DIR: folder!, DATA_DIR: join(folder!, `data-${shard}`) }),
		);
		bots.push(...started);
		await Promise.all(started.map((bot) => bot.ready(60_000)));
		expect(server.gateway.identifies.map((identify) => identify.shard).sort()).toEqual([
			[0, 2],
			[1, 2],
		]);

		const asked = guilds.map((guild) => ({ guild, interaction: server.slashCommand('top', {}, { guild }) }));
		for (const { guild, interaction } of asked) {
			const message = await server.waitFor(`/top in a server of shard ${shardOfGuild(guild.identity.guildId, 2)}`, () => answered(interaction), 20_000);
			// A Components V2 card, the default: its text is in text displays.
			expect(cardText(message)).toContain('Top stories');
			expect(interaction.shards).toEqual([shardOfGuild(guild.identity.guildId, 2)]);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		for (const { interaction } of asked) expect(callbacksOf(server, interaction)).toBe(1);
		expect(server.callsTo('PUT', /^\/applications\/\d+\/commands$/)).toHaveLength(1);
		expect(started[1]!.output()).toContain('registered by the process holding shard 0');

		// Without the process of shard 1, its servers go unanswered and shard 0's are still answered.
		await started[1]!.kill('SIGKILL');
		// The fake notices the dead process's socket close on its own time; until then it would still route shard 1's events to it.
		await server.waitFor('shard 1’s gateway connection closed', () => server.gateway.connections === 1, 20_000);
		const ownGuild = added[0]!;
		const otherGuild = added[2]!;
		const own = server.slashCommand('top', {}, { guild: ownGuild });
		const other = server.slashCommand('top', {}, { guild: otherGuild });
		await server.waitFor('/top in a server of shard 0 after shard 1 stopped', () => answered(own), 20_000);
		expect(other.shards).toEqual([]);
		expect(callbacksOf(server, other)).toBe(0);
	}, 120_000);
});
