import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake, userPayload, type FakeIdentity } from './discord-payloads.js';

/** What a client sent in IDENTIFY, minus the token, which tests only compare. */
export interface IdentifyRecord {
	readonly tokenMatches: boolean;
	readonly intents: number;
}

/**
 * A Discord gateway (v10, JSON, no compression) good enough for discord.js: HELLO, IDENTIFY →
 * READY + GUILD_CREATE, heartbeat ACKs, and dispatches pushed by the test.
 * https://discord.com/developers/docs/events/gateway#connection-lifecycle
 */
export class FakeDiscordGateway {
	public readonly identifies: IdentifyRecord[] = [];
	public heartbeats = 0;
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly sockets = new Map<WebSocket, { seq: number; ready: boolean }>();
	private readyWaiters: (() => void)[] = [];

	public constructor(
		private readonly identity: FakeIdentity,
		private readonly expectedToken: string | undefined,
		/** GUILD_CREATE as of this moment: a reconnecting client sees channels added since. */
		private readonly guildPayload: () => object,
	) {}

	public handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
	}

	/** Resolves once a client has identified and received READY. */
	public whenReady(): Promise<void> {
		if ([...this.sockets.values()].some((state) => state.ready)) return Promise.resolve();
		return new Promise((resolve) => this.readyWaiters.push(resolve));
	}

	/** Sends a dispatch event (op 0) to every identified connection. */
	public dispatch(type: string, data: unknown): void {
		for (const [ws, state] of this.sockets) if (state.ready) this.sendTo(ws, state, type, data);
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
		const state = { seq: 0, ready: false };
		this.sockets.set(ws, state);
		ws.on('close', () => this.sockets.delete(ws));
		ws.on('message', (raw) => this.receive(ws, state, String(raw)));
		ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
	}

	private receive(ws: WebSocket, state: { seq: number; ready: boolean }, raw: string): void {
		let packet: { op?: number; d?: { token?: string; intents?: number } };
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
				this.identifies.push({ tokenMatches, intents: packet.d?.intents ?? 0 });
				if (!tokenMatches) {
					ws.close(4004, 'Authentication failed.');
					return;
				}
				state.ready = true;
				const { identity } = this;
				this.sendTo(ws, state, 'READY', {
					v: 10,
					user: userPayload(identity.botUserId, 'digestbot', true),
					guilds: [{ id: identity.guildId, unavailable: true }],
					session_id: `session-${snowflake()}`,
					resume_gateway_url: 'ws://127.0.0.1:1',
					shard: [0, 1],
					application: { id: identity.applicationId, flags: 0 },
				});
				this.sendTo(ws, state, 'GUILD_CREATE', this.guildPayload());
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
