import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { registerSlashCommands } from './command-registration.js';
import { cachedChannelShape } from './cached-channel-shape.js';
import { createDiscordDelivery } from './discord-delivery-transport.js';
import { createInteractionHandler } from './interaction-handler.js';
import { discordSharding } from './sharding.js';
import { watchSubscriptionLifecycle } from './subscription-lifecycle.js';

/** Knobs for tests; production uses the defaults. */
export interface DiscordAdapterOptions {
	/** At most one edit of a growing answer per interval (default 1000 ms). */
	readonly editIntervalMs?: number;
	/** At most one edit of a live answer (`/status` during a broadcast) per interval (default 3000 ms). */
	readonly liveEditIntervalMs?: number;
	/** How long to wait for a command's first block before acknowledging (default 1000 ms, well inside Discord's 3 s). */
	readonly firstBlockWaitMs?: number;
}

/** How long `stop` waits for answers in flight before closing the connection anyway. */
const stopGraceMs = 5000;

/**
 * Starts the Discord adapter: logs in through the gateway (the shards of DISCORD_SHARD_IDS, or
 * all), registers the slash commands (globally, or to DISCORD_GUILD_ID; only the process holding
 * shard 0) and answers interactions until stopped. With a
 * subscription store it also ends subscriptions of deleted channels and servers the bot left,
 * and returns the `transport` the delivery worker posts new issues with.
 *
 * Only the Guilds intent is requested: interactions arrive without any intent, and Guilds is
 * non-privileged and lets discord.js know the servers it is in. DISCORD_API_ROOT points
 * discord.js's REST at another server; the gateway URL then comes from that server's
 * `GET /gateway/bot`, so one variable redirects both.
 */
export async function startDiscordAdapter(deps: AdapterDeps, options: DiscordAdapterOptions = {}): Promise<RunningAdapter> {
	const { settings, log } = deps;
	const token = settings.DISCORD_TOKEN;
	if (!token) throw new Error('startDiscordAdapter needs DISCORD_TOKEN');
	const sharding = discordSharding(settings);
	const client = new Client({
		...sharding.clientOptions,
		intents: [GatewayIntentBits.Guilds],
		allowedMentions: { parse: [] },
		rest: settings.DISCORD_API_ROOT ? { api: settings.DISCORD_API_ROOT } : {},
	});

	const inFlight = new Set<Promise<void>>();
	const handle = createInteractionHandler({
		archive: deps.archive,
		dispatcher: deps.dispatcher,
		log,
		editIntervalMs: options.editIntervalMs ?? 1000,
		liveEditIntervalMs: options.liveEditIntervalMs,
		firstBlockWaitMs: options.firstBlockWaitMs ?? 1000,
		componentsV2: settings.DISCORD_COMPONENTS_V2 === 'on',
	});
	const stopWatching = deps.subscriptions ? watchSubscriptionLifecycle(client, deps.subscriptions, log) : undefined;
	client.on(Events.InteractionCreate, (interaction) => {
		deps.metrics?.updateHandled('discord');
		const task = handle(interaction).finally(() => inFlight.delete(task));
		inFlight.add(task);
	});
	client.on(Events.Error, (error) => log.error({ err: { name: error.name, message: error.message } }, 'discord client error'));
	client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
	client.on(Events.ShardError, (error, shard) => log.warn({ shard, err: { name: error.name, message: error.message } }, 'discord gateway error; discord.js reconnects'));
	client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'discord gateway closed for good'));
	client.rest.on('rateLimited', (info) =>
		log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }, 'discord rate limit: waiting'),
	);

	const ready = once(client, Events.ClientReady);
	await client.login(token);
	await ready;
	const applicationId = settings.DISCORD_APPLICATION_ID ?? client.application?.id;
	if (!sharding.registersCommands) log.info({ shards: sharding.shardIds }, 'discord slash commands are registered by the process holding shard 0');
	else if (applicationId) {
		await registerSlashCommands(client.rest, deps.dispatcher.commands, { applicationId, ...(settings.DISCORD_GUILD_ID ? { guildId: settings.DISCORD_GUILD_ID } : {}) }, log);
	} else log.error('discord READY carried no application id; set DISCORD_APPLICATION_ID to register slash commands');
	log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, application: applicationId, shards: sharding.shardIds }, 'discord adapter ready');

	const delivery = createDiscordDelivery({ token, globalRequestsPerSecond: settings.DISCORD_REQUESTS_PER_SECOND, apiRoot: settings.DISCORD_API_ROOT, componentsV2: settings.DISCORD_COMPONENTS_V2 === 'on', cachedChannelShape: cachedChannelShape(client) });
	return {
		name: 'discord',
		transport: delivery.transport,
		async stop() {
			stopWatching?.();
			await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, stopGraceMs).unref())]);
			delivery.stop();
			await client.destroy();
		},
	};
}
