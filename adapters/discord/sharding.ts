import type { ClientOptions } from 'discord.js';
import type { Settings } from '../../src/config/config.js';

/** How this process takes part in a bot whose gateway shards are split across processes. */
export interface DiscordSharding {
	/** `shards`/`shardCount` for the discord.js Client: one gateway connection per listed shard. */
	readonly clientOptions: Pick<ClientOptions, 'shards' | 'shardCount'>;
	/**
	 * Whether this process registers the slash commands. Registration is one PUT for the whole
	 * application, so one process is enough; the one holding shard 0 does it because every
	 * deployment has exactly one, with or without Redis, and no lease has to be waited for.
	 */
	readonly registersCommands: boolean;
	/** For the log: the shards this process holds, or undefined when it holds all of them. */
	readonly shardIds?: readonly number[];
}

/**
 * DISCORD_SHARD_IDS and DISCORD_SHARD_COUNT as discord.js wants them. Unset, discord.js connects
 * one shard, as before. Discord routes a guild's events to shard `(guild_id >> 22) % count`
 * and DMs to shard 0: https://discord.com/developers/docs/events/gateway#sharding
 */
export function discordSharding(settings: Pick<Settings, 'DISCORD_SHARD_IDS' | 'DISCORD_SHARD_COUNT'>): DiscordSharding {
	const count = settings.DISCORD_SHARD_COUNT;
	if (count === undefined) return { clientOptions: {}, registersCommands: true };
	const ids = [...settings.DISCORD_SHARD_IDS];
	return { clientOptions: { shards: ids, shardCount: count }, registersCommands: ids.includes(0), shardIds: ids };
}
