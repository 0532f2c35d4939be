import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { shardOfGuild, snowflake, userPayload, type FakeIdentity } from './discord-payloads.js';

/** What a client sent in IDENTIFY, minus the token, which tests only compare. */
export interface IdentifyRecord {
	readonly tokenMatches: boolean;
	readonly intents: number;
	/** `[shard_id, num_shards]`; a client that sends none is `[0, 1]`, as Discord reads it. */
	readonly shard: readonly [number, number];
}

interface SocketState {
	seq: number;
	ready: boolean;
	shard: readonly [number, number];
}

/** The guild an event belongs to: its `id` for guild events, else `guild_id`; none (a DM) goes to shard 0. */
function guildOfEvent(type: string, data: unknown): string | undefined {
	if (typeof data !== 'object' || data === null) return undefined;
	const record = data as { id?: unknown; guild_id?: unknown };
	const id = type.startsWith('GUILD_') && !('guild_id' in record) ? record.id : record.guild_id;
	return typeof id === 'string' ? id : undefined;
}

/**
 * A Discord gateway (v10, JSON, no compression) good enough for discord.js: HELLO, IDENTIFY →
 * READY + GUILD_CREATE, heartbeat ACKs, and dispatches pushed by the test. Sharded as Discord
 * is: a connection that identified as `shard: [id, count]` gets READY, GUILD_CREATE and every
 * later event only for the guilds `(guild_id >> 22) % count === id`, and DMs only on shard 0.
 * https://discord.com/developers/docs/events/gateway#connection-lifecycle
 * https://discord.com/developers/docs/events/gateway#sharding
 */
export class FakeDiscordGateway {
	public readonly identifies: IdentifyRecord[] = [];
	public heartbeats = 0;
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly sockets = new Map<WebSocket, SocketState>();
	private readyWaiters: (() => void)[] = [];

	public constructor(
		private readonly identity: FakeIdentity,
		private readonly expectedToken: string | undefined,
		/** GUILD_CREATE of every server as of this moment: a reconnecting client sees channels added since. */
		private readonly guildPayloads: () => readonly { readonly id: string }[],
	) {}

	public handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
	}

	/** Resolves once a client has identified and received READY. */
	public whenReady(): Promise<void> {
		if ([...this.sockets.values()].some((state) => state.ready)) return Promise.resolve();
		return new Promise((resolve) => this.readyWaiters.push(resolve));
	}

	/** Sends a dispatch event (op 0) to every identified connection of the shard that owns its guild; returns those shards' ids. */
	public dispatch(type: string, data: unknown): number[] {
		const guildId = guildOfEvent(type, data);
		const shards: number[] = [];
		for (const [ws, state] of this.sockets) {
			const [id, count] = state.shard;
			if (!state.ready || (guildId === undefined ? id !== 0 : shardOfGuild(guildId, count) !== id)) continue;
			this.sendTo(ws, state, type, data);
			shards.push(id);
		}
		return shards;
	}

	private sendTo(ws: WebSocket, state: { seq: number }, type: string, data: unknown): void {
		state.seq += 1;
		ws.send(JSON.stringify({ op: 0, t: type, s: state.seq, d: data }));
	}

	public get connections(): number {
		return this.sockets.size;
	}

	public close(): void {
		for (const ws of this.sockets.keys()) ws.terminate();
		this.wss.close();
	}

	private accept(ws: WebSocket): void {
		const state: SocketState = { seq: 0, ready: false, shard: [0, 1] };
		this.sockets.set(ws, state);
		ws.on('close', () => this.sockets.delete(ws));
		ws.on('message', (raw) => this.receive(ws, state, String(raw)));
		ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
	}

	private receive(ws: WebSocket, state: SocketState, raw: string): void {
		let packet: { op?: number; d?: { token?: string; intents?: number; shard?: [number, number] } };
		try {
			packet = JSON.parse(raw) as typeof packet;
		} catch {
			ws.close(4002, 'Decode error');
			return;
		}
		switch (packet.op) {
			case 1:
				this.heartbeats += 1;
				ws.send(JSON.stringify({ op: 11 }));
				return;
			case 2: {
				const tokenMatches = this.expectedToken === undefined || packet.d?.token === this.expectedToken;
				const shard = packet.d?.shard ?? [0, 1];
				this.identifies.push({ tokenMatches, intents: packet.d?.intents ?? 0, shard });
				if (!tokenMatches) {
					ws.close(4004, 'Authentication failed.');
					return;
				}
				const [shardId, shardCount] = shard;
				if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
					ws.close(4010, 'Invalid shard.');
					return;
				}
				state.ready = true;
				state.shard = shard;
				const { identity } = this;
				const guilds = this.guildPayloads().filter((guild) => shardOfGuild(guild.id, shardCount) === shardId);
				this.sendTo(ws, state, 'READY', {
					v: 10,
					user: userPayload(identity.botUserId, 'digestbot', true),
					guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
					session_id: `session-${snowflake()}`,
					resume_gateway_url: 'ws://127.0.0.1:1',
					shard,
					application: { id: identity.applicationId, flags: 0 },
				});
				for (const guild of guilds) this.sendTo(ws, state, 'GUILD_CREATE', guild);
				for (const resolve of this.readyWaiters.splice(0)) resolve();
				return;
			}
			case 6:
				// No sessions to resume here: tell the client to identify afresh.
				ws.send(JSON.stringify({ op: 9, d: false }));
				return;
			default:
				return;
		}
	}
}
