import { ChannelType } from 'discord.js';
import { checkCommandContexts, checkCommandLocalizations } from './discord-command-validation.js';
import { autocompleteProblems, classicComponentProblems } from './discord-classic-components.js';
import { componentsV2Problems } from './discord-components-v2.js';
import { CrosspostBucket, startForumPost, type ForumPost } from './discord-forums.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeDiscordGateway } from './discord-gateway.js';
import { FakeGuild, type FakeChannel } from './discord-guild.js';
import { createIdentity, interactionEnvelope, messagePayload, snowflake, snowflakeOnShard, type FakeIdentity, type InteractionOptionPayload, type InteractionPlace } from './discord-payloads.js';
import { createMessage, editMessage, loadingFlag, type FakeMessage } from './discord-messages.js';
import type { Injection } from './discord-responses.js';

export type { FakeMessage } from './discord-messages.js';
export { buttonIds } from './discord-messages.js';
export { apiErrorResponse, rateLimitResponse, type InjectedResponse, type Injection } from './discord-responses.js';

/** One request the fake answered, as a test asserts on it. The Authorization header is never kept. */
export interface RecordedCall {
	readonly method: string;
	/** Path after the /api/v10 prefix, URL-decoded (`@original`, not `%40original`). */
	readonly path: string;
	readonly query: Readonly<Record<string, string>>;
	readonly body: unknown;
	readonly status: number;
	readonly authorized: boolean;
	readonly at: number;
}

/** An interaction the test dispatched and everything the bot answered to it. */
export interface FakeInteraction {
	readonly id: string;
	readonly token: string;
	/** Interaction callbacks in order: `{ type, data }` (4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete). */
	readonly callbacks: { type: number; data?: Record<string, unknown> }[];
	/** The response message: a new one for commands, the pressed one for buttons. */
	original?: FakeMessage;
	readonly followUps: FakeMessage[];
	/** The message a pressed button was on. */
	readonly pressed?: FakeMessage;
	/** The gateway shards INTERACTION_CREATE was sent to (one, when the bot is connected). */
	readonly shards: number[];
	/** Follow-ups Discord accepts: 5 when only a user install authorised the interaction. */
	readonly followUpLimit?: number;
}

export interface FakeDiscordOptions {
	/** When set, REST calls and IDENTIFY must carry this token. */
	readonly token?: string;
	/** The shard count `GET /gateway/bot` recommends (default 1). */
	readonly shards?: number;
	/** The application's Installation settings have User Install enabled (default true); Server Install always is. */
	readonly userInstall?: boolean;
}

/**
 * A fake Discord: REST v10 and the gateway on one 127.0.0.1 port. It answers what the bot
 * and the delivery code use, keeps every message per channel, records every call and can
 * be told to fail (429 with Discord's headers, 5xx, 403 codes, slow answers).
 */
export class FakeDiscordServer {
	public readonly identity: FakeIdentity = createIdentity();
	public readonly calls: RecordedCall[] = [];
	public readonly commands = new Map<string, Record<string, unknown>[]>();
	public readonly interactions = new Map<string, FakeInteraction>();
	public readonly channelMessages = new Map<string, FakeMessage[]>();
	/** Posts started in forum and media channels, in order. */
	public readonly forumPosts: ForumPost[] = [];
	public readonly crossposts = new CrosspostBucket();
	public readonly gateway: FakeDiscordGateway;
	/** Channels, threads, roles and the bot's membership; change them before the bot connects. */
	public readonly guild: FakeGuild;
	/** Every server the bot is in: `guild` first, then those of {@link addGuild}. */
	public readonly guilds: FakeGuild[] = [];
	private readonly injections: Injection[] = [];
	private readonly server: Server;
	private port = 0;

	private constructor(private readonly options: FakeDiscordOptions) {
		this.server = createServer((request, response) => void this.handle(request, response));
		// As in the Telegram fake: no 5 s idle close racing a reused keep-alive socket.
		this.server.keepAliveTimeout = 120_000;
		this.guild = new FakeGuild(this.identity);
		this.guilds.push(this.guild);
		this.gateway = new FakeDiscordGateway(this.identity, options.token, () => this.guilds.map((guild) => guild.payload()));
		this.server.on('upgrade', (request, socket, head) => this.gateway.handleUpgrade(request, socket, head));
	}

	public static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscordServer> {
		const fake = new FakeDiscordServer(options);
		await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
		fake.port = (fake.server.address() as AddressInfo).port;
		return fake;
	}

	/** What DISCORD_API_ROOT (discord.js `rest.api`) should be set to. */
	public get apiRoot(): string {
		return `http://127.0.0.1:${this.port}/api`;
	}

	/**
	 * Another server the bot is in, with one text channel; `onShard: [id, count]` picks its id so
	 * that Discord would route it to that shard. Add it before the bot connects.
	 */
	public addGuild(options: { onShard?: readonly [number, number] } = {}): FakeGuild {
		const guildId = options.onShard ? snowflakeOnShard(options.onShard[0], options.onShard[1]) : snowflake();
		const guild = new FakeGuild({ ...this.identity, guildId, channelId: snowflake() });
		this.guilds.push(guild);
		return guild;
	}

	public inject(injection: Injection): void {
		this.injections.push({ ...injection, times: injection.times ?? 1 });
	}

	/** Calls matching a method and a path pattern, in order. */
	public callsTo(method: string, path: RegExp): RecordedCall[] {
		return this.calls.filter((call) => call.method === method && path.test(call.path));
	}

	/** Messages the bot posted to a channel through `POST /channels/:id/messages`. */
	public messagesIn(channelId: string): FakeMessage[] {
		return this.channelMessages.get(channelId) ?? [];
	}

	/**
	 * Sends a slash command as a user would; returns the interaction whose answers the fake
	 * collects. `{ channel: id }` is a channel option: Discord sends the id as the value and the
	 * channel under `resolved`.
	 */
	public slashCommand(name: string, options: Readonly<Record<string, string | number | boolean | { channel: string }>> = {}, place: InteractionPlace = {}): FakeInteraction {
		const permissions = String(place.memberPermissions ?? 0n);
		const channels = Object.values(options).flatMap((value) => (typeof value === 'object' ? [[value.channel, this.guild.resolvedChannel(value.channel, permissions)] as const] : []));
		const data = {
			id: snowflake(),
			name,
			type: 1,
			options: Object.entries(options).map(([key, value]) => (typeof value === 'object' ? { name: key, type: 7, value: value.channel } : optionPayload(key, value))),
			...(channels.length > 0 ? { resolved: { channels: Object.fromEntries(channels) } } : {}),
		};
		return this.send(interactionEnvelope(this.identity, 2, data, place));
	}

	/** The interaction place for a command used in a channel or thread of the fake server. */
	public inChannel(channelId: string, memberPermissions?: bigint): InteractionPlace {
		const channel = this.guild.channels.get(channelId);
		if (!channel) throw new Error(`no channel ${channelId}`);
		return { channel: { id: channel.id, type: channel.type, name: channel.name, parent_id: channel.parentId ?? null }, ...(memberPermissions !== undefined ? { memberPermissions } : {}) };
	}

	/** The channel or thread is deleted: it is forgotten and CHANNEL_DELETE or THREAD_DELETE is dispatched. */
	public deleteChannel(channelId: string): void {
		const channel = this.guild.channels.get(channelId);
		if (!channel) throw new Error(`no channel ${channelId}`);
		this.guild.channels.delete(channelId);
		this.gateway.dispatch(this.guild.isThread(channel) ? 'THREAD_DELETE' : 'CHANNEL_DELETE', this.guild.channelPayload(channel));
	}

	/** The bot is kicked from (or leaves) the server; `outage` sends the unavailable form instead. */
	public removeFromGuild(options: { outage?: boolean } = {}): void {
		this.gateway.dispatch('GUILD_DELETE', { id: this.identity.guildId, ...(options.outage ? { unavailable: true } : {}) });
	}

	/** Sends an autocomplete request with `focus` as the option being typed (in a DM or a user install when `place` says so). */
	public autocomplete(name: string, focus: string, typed: string, others: Readonly<Record<string, string | number>> = {}, place: InteractionPlace = {}): FakeInteraction {
		const options = [...Object.entries(others).map(([key, value]) => optionPayload(key, value)), { name: focus, type: 3, value: typed, focused: true }];
		return this.send(interactionEnvelope(this.identity, 4, { id: snowflake(), name, type: 1, options }, place));
	}

	/** Presses a button on a message the bot sent. */
	public pressButton(message: FakeMessage, customId: string, place: InteractionPlace = {}): FakeInteraction {
		const pressed = messagePayload(this.identity, message.channelId, message.id, message as unknown as Record<string, unknown>, true);
		return this.send(interactionEnvelope(this.identity, 3, { custom_id: customId, component_type: 2 }, place, { message: pressed }), message);
	}

	/** Polls until the predicate holds; fails with `what` so a timeout says what never happened. */
	public async waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 8000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = probe();
			if (value !== undefined && value !== false) return value;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	public async close(): Promise<void> {
		this.gateway.close();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private send(payload: ReturnType<typeof interactionEnvelope>, pressed?: FakeMessage): FakeInteraction {
		const userInstallOnly = !('0' in payload.authorizing_integration_owners);
		const record: FakeInteraction = { id: payload.id, token: payload.token, callbacks: [], followUps: [], shards: [], ...(pressed ? { pressed } : {}), ...(userInstallOnly ? { followUpLimit: 5 } : {}) };
		this.interactions.set(payload.token, record);
		record.shards.push(...this.gateway.dispatch('INTERACTION_CREATE', payload));
		return record;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		// The version prefix is optional so that an api root with or without /api works.
		const path = decodeURIComponent(url.pathname.replace(/^(?:\/api)?\/v\d+/, ''));
		const method = request.method ?? 'GET';
		const raw = await readBody(request);
		let body: unknown = raw;
		if ((request.headers['content-type'] ?? '').includes('application/json') && raw !== '') body = JSON.parse(raw) as unknown;
		const expected = this.options.token;
		const authorization = request.headers.authorization;
		const authorized = authorization !== undefined && (expected === undefined || authorization === `Bot ${expected}`);
		const answer = (status: number, payload?: unknown, headers: Readonly<Record<string, string>> = {}): void => {
			this.calls.push({ method, path, query: Object.fromEntries(url.searchParams), body, status, authorized, at: Date.now() });
			// A 204 carries no body and no JSON content type: discord.js would try to parse it.
			if (status === 204 || payload === undefined) response.writeHead(status, headers).end();
			else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
		};

		const injection = this.injections.find((candidate) => (candidate.times ?? 0) > 0 && (!candidate.method || candidate.method === method) && candidate.path.test(path));
		if (injection) {
			injection.times = (injection.times ?? 1) - 1;
			const { delayMs, status, headers, body: injected } = injection.response;
			if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
			if (status !== 200 || injected !== undefined) {
				answer(status, injected ?? { message: 'Injected failure', code: 0 }, headers);
				return;
			}
		}
		const isInteractionRoute = /^\/(interactions|webhooks)\//.test(path);
		if (!isInteractionRoute && !authorized) {
			answer(401, { message: '401: Unauthorized', code: 0 });
			return;
		}
		this.route(method, path, url, body as Record<string, unknown>, answer);
	}

	private route(method: string, path: string, url: URL, body: Record<string, unknown>, answer: (status: number, payload?: unknown) => void): void {
		const { identity } = this;
		let match: RegExpMatchArray | null;
		if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
			answer(200, { url: `ws://127.0.0.1:${this.port}`, shards: this.options.shards ?? 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
		} else if (method === 'GET' && path === '/users/@me') {
			answer(200, { id: identity.botUserId, username: 'digestbot', discriminator: '0', avatar: null, bot: true });
		} else if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me')) {
			const installs = { '0': { oauth2_install_params: { scopes: ['applications.commands', 'bot'], permissions: '0' } }, ...(this.options.userInstall === false ? {} : { '1': { oauth2_install_params: { scopes: ['applications.commands'], permissions: '0' } } }) };
			answer(200, { id: identity.applicationId, name: 'digestbot', description: '', flags: 0, bot_public: true, bot_require_code_grant: false, integration_types_config: installs });
		} else if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
			const scope = match[2] ?? 'global';
			const supportedInstalls = new Set(this.options.userInstall === false ? [0] : [0, 1]);
			const invalid = method === 'PUT' && Array.isArray(body) ? (checkCommandLocalizations(body as Record<string, unknown>[]) ?? checkCommandContexts(body as Record<string, unknown>[], supportedInstalls)) : undefined;
			if (invalid) answer(400, { message: 'Invalid Form Body', code: 50035, errors: invalid });
			else if (method === 'PUT') {
				const list = (Array.isArray(body) ? (body as Record<string, unknown>[]) : []).map((command) => ({ ...command, id: snowflake(), application_id: match?.[1], version: snowflake(), ...(match?.[2] ? { guild_id: match[2] } : {}) }));
				this.commands.set(scope, list);
				answer(200, list);
			} else answer(200, this.commands.get(scope) ?? []);
		} else if (method === 'POST' && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
			this.interactionCallback(match[1] ?? '', match[2] ?? '', body, url.searchParams.get('with_response') === 'true', answer);
		} else if ((match = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path))) {
			this.webhook(method, match[2] ?? '', match[3], body, answer);
		} else if (method === 'GET' && (match = /^\/channels\/(\d+)$/.exec(path))) {
			const id = match[1] ?? '';
			const guild = this.guilds.find((candidate) => candidate.channels.has(id));
			const channel = guild?.channels.get(id);
			if (guild && channel) answer(200, guild.channelPayload(channel));
			else answer(404, { message: 'Unknown Channel', code: 10003 });
		} else if (method === 'PATCH' && (match = /^\/channels\/(\d+)$/.exec(path))) {
			const id = match[1] ?? '';
			const guild = this.guilds.find((candidate) => candidate.channels.has(id));
			if (!guild) return answer(404, { message: 'Unknown Channel', code: 10003 });
			const problem = Array.isArray(body.available_tags) ? guild.setForumTags(id, body.available_tags as { id?: string; name?: string; moderated?: boolean }[]) : undefined;
			if (problem) return answer(400, { message: 'Invalid Form Body', code: 50035, errors: [problem] });
			const channel = guild.channels.get(id);
			answer(200, channel ? guild.channelPayload(channel) : {});
		} else if (method === 'GET' && (match = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path))) {
			const guild = this.guilds.find((candidate) => candidate.identity.guildId === match?.[1]);
			if (guild && match[2] === identity.botUserId) answer(200, guild.botMember());
			else answer(404, { message: 'Unknown Member', code: 10007 });
		} else if (method === 'POST' && (match = /^\/channels\/(\d+)\/threads$/.exec(path))) {
			this.forumPost(match[1] ?? '', body, answer);
		} else if (method === 'POST' && (match = /^\/channels\/(\d+)\/messages\/(\d+)\/crosspost$/.exec(path))) {
			const channelId = match[1] ?? '';
			const message = this.messagesIn(channelId).find((candidate) => candidate.id === match?.[2]);
			if (this.crossposts.crosspost(this.channelById(channelId), message, answer) && message) answer(200, this.payload(message, false));
		} else if ((match = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path))) {
			this.channel(method, match[1] ?? '', match[2], body, answer);
		} else answer(404, { message: '404: Not Found', code: 0 });
	}

	private interactionCallback(id: string, token: string, body: Record<string, unknown>, withResponse: boolean, answer: (status: number, payload?: unknown) => void): void {
		const record = this.interactions.get(token);
		if (!record || record.id !== id) return answer(404, { message: 'Unknown interaction', code: 10062 });
		if (record.callbacks.length > 0) return answer(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
		const type = Number(body.type);
		const data = (body.data ?? undefined) as Record<string, unknown> | undefined;
		if (data && (type === 4 || type === 7) && refuseBody(data, type === 7 ? record.pressed?.flags : undefined, answer)) return;
		if (type === 8) {
			const problems = autocompleteProblems(data);
			if (problems.length > 0) return answer(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
		}
		record.callbacks.push({ type, ...(data ? { data } : {}) });
		if (type === 4) record.original = createMessage(this.identity.channelId, data ?? {});
		else if (type === 5) record.original = createMessage(this.identity.channelId, { ...data, flags: (typeof data?.flags === 'number' ? data.flags : 0) | loadingFlag });
		else if (type === 6 || type === 7) {
			record.original = record.pressed;
			if (type === 7 && record.original) editMessage(record.original, data ?? {});
		}
		if (!withResponse) return answer(204);
		const message = record.original ? messagePayload(this.identity, record.original.channelId, record.original.id, record.original as unknown as Record<string, unknown>, true) : undefined;
		answer(200, { interaction: { id, type: 2, activity_instance_id: null, response_message_id: message?.id, response_message_loading: type === 5, response_message_ephemeral: false }, resource: { type, ...(message ? { message } : {}) } });
	}

	private webhook(method: string, token: string, messageId: string | undefined, body: Record<string, unknown>, answer: (status: number, payload?: unknown) => void): void {
		const record = this.interactions.get(token);
		if (!record) return answer(401, { message: 'Invalid Webhook Token', code: 50027 });
		if (messageId === undefined) {
			if (method !== 'POST') return answer(405, { message: '405: Method Not Allowed', code: 0 });
			if (record.callbacks.length === 0) return answer(404, { message: 'Unknown Webhook', code: 10015 });
			if (record.followUpLimit !== undefined && record.followUps.length >= record.followUpLimit) return answer(400, { message: 'This interaction has hit the maximum number of follow up messages', code: 40094 });
			if (refuseBody(body, undefined, answer)) return;
			const message = createMessage(this.identity.channelId, body);
			record.followUps.push(message);
			return answer(200, this.payload(message));
		}
		const message = messageId === '@original' ? record.original : record.followUps.find((candidate) => candidate.id === messageId);
		if (!message || message.deleted) return answer(404, { message: 'Unknown Message', code: 10008 });
		if (method === 'GET') return answer(200, this.payload(message));
		if (method === 'DELETE') {
			message.deleted = true;
			return answer(204);
		}
		if (method !== 'PATCH') return answer(405, { message: '405: Method Not Allowed', code: 0 });
		// A deferred response still loading takes its flags from this first edit (see loadingFlag).
		if (refuseBody(body, (message.flags & loadingFlag) !== 0 ? undefined : message.flags, answer)) return;
		editMessage(message, body);
		answer(200, this.payload(message));
	}

	private channel(method: string, channelId: string, messageId: string | undefined, body: Record<string, unknown>, answer: (status: number, payload?: unknown) => void): void {
		if (messageId === undefined && method === 'POST') {
			const type = this.channelById(channelId)?.type;
			if (type === ChannelType.GuildForum || type === ChannelType.GuildMedia) return answer(400, { message: 'Cannot send messages in a non-text channel', code: 50008 });
			if (refuseBody(body, undefined, answer)) return;
			const message = createMessage(channelId, body);
			this.channelMessages.set(channelId, [...this.messagesIn(channelId), message]);
			return answer(200, this.payload(message, false));
		}
		const message = this.messagesIn(channelId).find((candidate) => candidate.id === messageId);
		if (!message || message.deleted) return answer(404, { message: 'Unknown Message', code: 10008 });
		if (method === 'DELETE') {
			message.deleted = true;
			return answer(204);
		}
		if (method === 'PATCH') {
			if (refuseBody(body, message.flags, answer)) return;
			editMessage(message, body);
		}
		answer(200, this.payload(message, false));
	}

	/** A channel or thread of any of the fake's servers. */
	public channelById(channelId: string): FakeChannel | undefined {
		for (const guild of this.guilds) {
			const channel = guild.channels.get(channelId);
			if (channel) return channel;
		}
		return undefined;
	}

	private forumPost(forumId: string, body: Record<string, unknown>, answer: (status: number, payload?: unknown) => void): void {
		const guild = this.guilds.find((candidate) => candidate.channels.has(forumId));
		const forum = guild?.channels.get(forumId);
		if (!guild || !forum) return answer(404, { message: 'Unknown Channel', code: 10003 });
		const post = startForumPost(guild, forum, body, answer);
		if (!post) return;
		this.forumPosts.push(post);
		this.channelMessages.set(post.thread.id, [post.message]);
		answer(201, { ...guild.channelPayload(post.thread), applied_tags: post.appliedTags, message: this.payload(post.message, false) });
	}

	private payload(message: FakeMessage, webhook = true) {
		return messagePayload(this.identity, message.channelId, message.id, message as unknown as Record<string, unknown>, webhook);
	}
}

/** Answers 400 "Invalid Form Body" for a message body Discord would refuse; true when it did. */
function refuseBody(body: Record<string, unknown>, existingFlags: number | undefined, answer: (status: number, payload?: unknown) => void): boolean {
	const problems = [...componentsV2Problems(body, existingFlags), ...classicComponentProblems(body, existingFlags)];
	if (problems.length === 0) return false;
	answer(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
	return true;
}

function optionPayload(name: string, value: string | number | boolean): InteractionOptionPayload {
	return { name, type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3, value };
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}
