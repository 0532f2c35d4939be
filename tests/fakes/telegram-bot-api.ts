import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, Update, User } from 'grammy/types';
import { bad, defaultDescription, readParams, respond, type Answer } from './telegram-answers.js';
import { FakeTelegramChats } from './telegram-chats.js';
import { FloodControl, telegramFloodLimits, type FloodLimits } from './telegram-flood-limits.js';
import { FakeChatMembers } from './telegram-members.js';
import { FakeTelegramMessages, type StoredMessage } from './telegram-messages.js';
import { FakeRichMessages, type FakeGuestAnswer, type FakeRichDraft } from './telegram-rich-messages.js';
import { groupAnonymousBot } from './telegram-updates.js';
import { checkInlineResults } from './telegram-inline-results.js';
import { checkCommands } from './telegram-validation.js';

export type { StoredMessage } from './telegram-messages.js';
export type { FakeGuestAnswer, FakeRichDraft } from './telegram-rich-messages.js';

/** Who posts a text, and where. */
export interface TextOptions {
	readonly from?: User;
	/** A forum topic. */
	readonly threadId?: number;
	/** An anonymous administrator, posting as the group (`from` is @GroupAnonymousBot). */
	readonly asGroup?: boolean;
}

/** A call the bot made, as the fake received and answered it. */
export interface RecordedCall {
	readonly method: string;
	readonly params: Record<string, unknown>;
	readonly at: number;
	readonly ok: boolean;
	readonly errorCode?: number;
	readonly description?: string;
}

/** A failure to serve instead of the real answer, once per call, in the order injected. */
export interface InjectedFault {
	readonly status?: 429 | 400 | 403 | 500 | 502;
	readonly description?: string;
	/** Seconds, for 429. */
	readonly retryAfter?: number;
	/** Answer this late (alone: a slow but successful call). */
	readonly delayMs?: number;
}

/** A draft as the reader saw it. */
export interface FakeDraft {
	readonly draftId: number;
	readonly text: string;
	readonly entities: readonly { type: string; offset: number; length: number }[];
	readonly canStop: boolean;
	readonly keepOnStop: boolean;
	readonly at: number;
}

type Handler = (params: Record<string, unknown>) => Answer | Promise<Answer>;

export interface FakeBotApiOptions {
	readonly token?: string;
	readonly bot?: { id: number; username: string; first_name: string };
}

/** The methods Telegram's broadcast limits count. */
const sendMethods = new Set(['sendMessage', 'sendRichMessage', 'sendPhoto', 'sendDocument', 'copyMessage', 'forwardMessage']);

export const fakeToken = '123456:ABCdefGhIJKlmNoPQRsTUVwxyZ0123456789';

/**
 * A Bot API server on 127.0.0.1 that a real grammY bot can talk to through `apiRoot`. It keeps
 * chats, messages and an update queue with real `getUpdates` offset/timeout semantics,
 * records every call, validates payloads the way Telegram does, and can inject faults.
 */
export class FakeTelegramBotApi {
	public readonly calls: RecordedCall[] = [];
	public readonly me: User & { username: string };
	private readonly events = new EventEmitter();
	private readonly updates: Update[] = [];
	private nextUpdateId = 1;
	private readonly chats = new FakeTelegramChats();
	private readonly faults = new Map<string, InjectedFault[]>();
	private flood: FloodControl | undefined;
	/** Drafts closer together than this in one chat are answered 429 (see `enforceDraftInterval`). */
	private draftIntervalMs: number | undefined;
	private readonly lastDraftAt = new Map<string, number>();
	private draftRejections = 0;
	private readonly openQueries = new Set<string>();
	/** Who is admin where; `members.set(chatId, userId, …)` before the bot asks. */
	public readonly members = new FakeChatMembers();
	private readonly waiters = new Set<() => void>();
	private webhook: { url: string; secret?: string } | undefined;
	private server!: Server;
	private readonly handlers: Record<string, Handler>;
	private readonly messages: FakeTelegramMessages;
	private readonly rich: FakeRichMessages;

	private constructor(private readonly token: string, bot: FakeBotApiOptions['bot']) {
		this.me = { id: bot?.id ?? 123456, is_bot: true, first_name: bot?.first_name ?? 'Digest', username: bot?.username ?? 'digest_test_bot' };
		this.events.setMaxListeners(100);
		this.messages = new FakeTelegramMessages(this.chats, this.me);
		this.rich = new FakeRichMessages(this.chats, this.messages);
		this.handlers = {
			getMe: () => ({ ok: true, result: { ...this.me, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, ...(this.rich.supported ? { supports_guest_queries: true } : {}) } }),
			getUpdates: (params) => this.getUpdates(params),
			sendMessage: (params) => this.rich.sendEphemeralText(params) ?? this.messages.send(params),
			sendMessageDraft: (params) => this.messages.draft(params),
			editMessageText: (params) => this.rich.edit(params) ?? this.messages.edit(params),
			sendRichMessage: (params) => this.rich.send(params),
			sendRichMessageDraft: (params) => this.rich.draft(params),
			answerGuestQuery: (params) => this.rich.answerGuest(params),
			answerCallbackQuery: (params) => this.answerQuery(params, 'callback_query_id'),
			answerInlineQuery: (params) => this.answerInlineQuery(params),
			setMyCommands: (params) => {
				const error = checkCommands(params.commands);
				return error ? bad(error) : { ok: true, result: true };
			},
			sendChatAction: (params) => this.chats.withChat(params, () => ({ ok: true, result: true })),
			getChatMember: (params) => this.chats.member(params, this.members, this.me.id),
			getChat: (params) => {
				const chat = this.chats.find(params.chat_id);
				if (!chat) return bad('Bad Request: chat not found');
				const { topics: _topics, ...result } = chat;
				return { ok: true, result };
			},
			setWebhook: (params) => {
				this.webhook = { url: String(params.url), ...(typeof params.secret_token === 'string' ? { secret: params.secret_token } : {}) };
				return { ok: true, result: true };
			},
			deleteWebhook: () => {
				this.webhook = undefined;
				return { ok: true, result: true };
			},
			getWebhookInfo: () => ({ ok: true, result: { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.updates.length } }),
		};
	}

	/** Starts the fake on an ephemeral port of 127.0.0.1. */
	public static async start(options: FakeBotApiOptions = {}): Promise<FakeTelegramBotApi> {
		const fake = new FakeTelegramBotApi(options.token ?? fakeToken, options.bot);
		fake.server = createServer((request, response) => void fake.serve(request, response));
		// Node closes idle keep-alive sockets after 5 s, racing a client that reuses one at that
		// moment ("socket hang up"); Telegram keeps them far longer, and so does the fake.
		fake.server.keepAliveTimeout = 120_000;
		await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
		return fake;
	}

	/** What to put in TELEGRAM_API_ROOT. */
	public get apiRoot(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	public get webhookInfo(): { url: string; secret?: string } | undefined {
		return this.webhook;
	}

	public async close(): Promise<void> {
		for (const wake of this.waiters) wake();
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	// ── Scenario set-up ─────────────────────────────────────────────────────────────

	/** Makes a chat known (a message in it registers it too). */
	public addChat(chat: Chat, topics: readonly number[] = []): void {
		this.chats.add(chat, topics);
	}

	/** The bot was blocked or kicked: every send to the chat answers 403 (`description` e.g. "Forbidden: user is deactivated"). */
	public blockChat(chatId: number, description?: string): void {
		this.chats.block(chatId, description);
	}

	/** The group became a supergroup; posts to the old id are refused with `migrate_to_chat_id`. */
	public migrateChat(fromChatId: number, to: Chat): void {
		this.chats.migrate(fromChatId, to);
	}

	/**
	 * Makes the fake a Bot API server older than 10.1 (`false`) or a current one (`true`, the
	 * default): an old one answers the rich, draft and guest methods "Not Found: method not found"
	 * (404) and ignores `rich_message` and `ephemeral_message_parameters` as unknown fields.
	 */
	public speakRichMessages(supported: boolean): void {
		this.rich.supported = supported;
	}

	/**
	 * From now on, `sendRichMessage` to this chat is refused with a 400 of the chat's own (the
	 * server speaks rich messages; this chat will not take one), as a bot must expect from any chat.
	 */
	public refuseRichMessagesIn(chatId: number, description = 'Bad Request: rich messages are not allowed in this chat'): void {
		this.rich.refusingChats.set(chatId, description);
	}

	/** A user @mentions the bot in a chat it is not a member of (guest mode, Bot API 10.0); returns the guest query id. */
	public guestMessage(chat: Chat, from: User, text: string): string {
		const update = this.rich.guestUpdate(chat, from, text, this.messages.allocateId(chat.id));
		this.pushUpdate(update);
		return (update as { guest_message: { guest_query_id: string } }).guest_message.guest_query_id;
	}

	/** Guest queries the bot answered, oldest first. */
	public get guestAnswers(): readonly FakeGuestAnswer[] {
		return this.rich.guestAnswers;
	}

	/** Serves `faults` to the next calls of `method`, one per call. */
	public inject(method: string, ...faults: InjectedFault[]): void {
		this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
	}

	/**
	 * From now on, answers sends over Telegram's broadcast limits (or the ones given) with 429, as
	 * Telegram does; `floodRejections` counts them.
	 */
	public enforceFloodLimits(limits: FloodLimits = telegramFloodLimits): void {
		this.flood = new FloodControl(limits);
	}

	/** Sends refused with 429 since flood limits were enforced. */
	public get floodRejections(): number {
		return this.flood?.rejected ?? 0;
	}

	/**
	 * From now on, a draft to a chat less than `ms` after the previous one is refused with 429, the
	 * way Telegram's flood control answers a bot that streams too eagerly; `draftFloodRejections` counts them.
	 */
	public enforceDraftInterval(ms: number): void {
		this.draftIntervalMs = ms;
	}

	/** Drafts refused with 429 since the draft interval was enforced. */
	public get draftFloodRejections(): number {
		return this.draftRejections;
	}

	/** The reader presses the stop button on a draft: Telegram sends `stopped_message_generation`. */
	public stopGeneration(chat: Chat, draftId: number, threadId?: number): number {
		return this.pushUpdate({
			stopped_message_generation: { chat: chat as Chat.PrivateChat, draft_id: draftId, ...(threadId !== undefined ? { message_thread_id: threadId } : {}) },
		} as Omit<Update, 'update_id'>);
	}

	/** Queues an update for getUpdates; returns its id. */
	public pushUpdate(update: Omit<Update, 'update_id'>): number {
		const full = { ...update, update_id: this.nextUpdateId++ } as Update;
		this.updates.push(full);
		for (const wake of [...this.waiters]) wake();
		return full.update_id;
	}

	/** A user (or, without `from`, a channel) posts text; commands get their bot_command entity. */
	public postText(chat: Chat, text: string, options: TextOptions = {}): Message {
		const update = this.textUpdate(chat, text, options);
		this.pushUpdate(update);
		return (update.message ?? update.channel_post)!;
	}

	/** The update `postText` would queue, for delivering it another way (a webhook). */
	public textUpdate(chat: Chat, text: string, options: TextOptions = {}): Omit<Update, 'update_id'> {
		if (!this.chats.has(chat.id)) this.addChat(chat, options.threadId !== undefined ? [options.threadId] : []);
		const command = /^\/[^\s@]+(@\w+)?/.exec(text);
		const message = {
			message_id: this.messages.allocateId(chat.id),
			date: Math.floor(Date.now() / 1000),
			chat,
			text,
			...(options.asGroup ? { from: groupAnonymousBot, sender_chat: chat } : options.from ? { from: options.from } : { sender_chat: chat }),
			...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
			...(options.threadId !== undefined ? { message_thread_id: options.threadId, is_topic_message: true } : {}),
		} as Message;
		return (chat.type === 'channel' ? { channel_post: message } : { message }) as Omit<Update, 'update_id'>;
	}

	/** A user presses an inline button under one of the bot's messages. */
	public pressButton(from: User, message: StoredMessage, data: string): string {
		const id = `cb${this.nextUpdateId}`;
		this.openQueries.add(id);
		const chat = this.chats.get(message.chat_id)!;
		const original = { message_id: message.message_id, date: 0, chat, from: this.me, text: message.text, entities: message.entities } as Message;
		// Under an ephemeral message (Bot API 10.2) the press says who received it.
		if (message.receiver_user_id !== undefined) Object.assign(original, { receiver_user: { id: message.receiver_user_id, is_bot: false, first_name: 'User' }, ephemeral_message_id: message.ephemeral_message_id });
		this.pushUpdate({ callback_query: { id, from, chat_instance: String(chat.id), data, message: original } });
		return id;
	}

	/** A user types `@bot query` in some chat. */
	public inlineQuery(from: User, query: string): string {
		const id = `iq${this.nextUpdateId}`;
		this.openQueries.add(id);
		this.pushUpdate({ inline_query: { id, from, query, offset: '' } });
		return id;
	}

	// ── Observation ─────────────────────────────────────────────────────────────────

	public callsTo(method: string): RecordedCall[] {
		return this.calls.filter((call) => call.method === method);
	}

	/** The drafts the fake accepted in a chat, oldest first, with when each arrived. */
	public draftsIn(chatId: number): FakeDraft[] {
		return this.calls
			.filter((call) => call.method === 'sendMessageDraft' && call.ok && Number(call.params.chat_id) === chatId)
			.map((call) => ({
				draftId: Number(call.params.draft_id),
				text: typeof call.params.text === 'string' ? call.params.text : '',
				entities: (call.params.entities as FakeDraft['entities'] | undefined) ?? [],
				canStop: call.params.can_stop === true,
				keepOnStop: call.params.keep_on_stop === true,
				at: call.at,
			}));
	}

	/** The rich drafts (`sendRichMessageDraft`) the fake accepted in a chat, oldest first. */
	public richDraftsIn(chatId: number): FakeRichDraft[] {
		return this.rich.draftsIn(chatId);
	}

	/** The bot's messages in a chat, oldest first, as they read now (after edits). */
	public botMessages(chatId: number): StoredMessage[] {
		return this.messages.botMessages(chatId);
	}

	/** A chat member (or admin) deleted one of the bot's messages. */
	public deleteMessage(chatId: number, messageId: number): void {
		if (!this.messages.delete(chatId, messageId)) throw new Error(`no message ${messageId} in chat ${chatId}`);
	}

	/** Resolves once `check` returns a value, re-checking after every call; rejects after `timeoutMs`. */
	public waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
		return new Promise((resolve, reject) => {
			const attempt = (): boolean => {
				const value = check();
				if (value === undefined || value === false) return false;
				cleanup();
				resolve(value);
				return true;
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`timed out after ${timeoutMs} ms; calls so far: ${this.calls.map((call) => call.method).join(', ')}`));
			}, timeoutMs);
			const cleanup = (): void => {
				clearTimeout(timer);
				this.events.off('call', attempt);
			};
			this.events.on('call', attempt);
			attempt();
		});
	}

	/** Waits until the bot has fetched past every queued update and the fake is idle for `quietMs`. */
	public async settle(quietMs = 150, timeoutMs = 10_000): Promise<void> {
		const started = Date.now();
		let last = this.calls.length;
		let lastChange = Date.now();
		while (Date.now() - started < timeoutMs) {
			await new Promise((resolve) => setTimeout(resolve, 25));
			if (this.calls.length !== last) {
				last = this.calls.length;
				lastChange = Date.now();
			}
			const confirmed = this.updates.length === 0;
			if (confirmed && Date.now() - lastChange >= quietMs) return;
		}
		throw new Error(`fake never settled; ${this.updates.length} updates pending`);
	}

	// ── HTTP ────────────────────────────────────────────────────────────────────────

	private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const match = /^\/bot([^/]+)\/(\w+)$/.exec((request.url ?? '').split('?')[0] ?? '');
		const params = await readParams(request);
		if (!match) return respond(response, bad('Not Found', 404));
		const [, token, method] = match as unknown as [string, string, string];
		if (token !== this.token) return respond(response, bad('Unauthorized', 401));
		const handler = this.handlers[method];
		const fault = this.faults.get(method)?.shift();
		if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		const floodWait = this.flood && sendMethods.has(method) ? this.flood.admit(String(params.chat_id ?? '')) : method === 'sendMessageDraft' || method === 'sendRichMessageDraft' ? this.admitDraft(String(params.chat_id ?? '')) : 0;
		let answer: Answer;
		if (floodWait > 0) {
			answer = { ok: false, error_code: 429, description: `Too Many Requests: retry after ${floodWait}`, parameters: { retry_after: floodWait } };
		} else if (fault?.status) {
			const retry = fault.status === 429 ? { parameters: { retry_after: fault.retryAfter ?? 1 } } : {};
			answer = { ok: false, error_code: fault.status, description: fault.description ?? defaultDescription(fault.status, fault.retryAfter ?? 1), ...retry };
		} else if (!handler) {
			answer = bad('Not Found: method not found', 404);
		} else {
			answer = await handler(params);
		}
		if (response.destroyed) return;
		this.calls.push({ method, params, at: Date.now(), ok: answer.ok, ...(answer.ok ? {} : { errorCode: answer.error_code, description: answer.description }) });
		this.events.emit('call');
		respond(response, answer);
	}

	// ── Methods ─────────────────────────────────────────────────────────────────────

	private admitDraft(chatId: string, now = Date.now()): number {
		if (this.draftIntervalMs === undefined) return 0;
		const last = this.lastDraftAt.get(chatId);
		if (last !== undefined && now - last < this.draftIntervalMs) {
			this.draftRejections += 1;
			return 1;
		}
		this.lastDraftAt.set(chatId, now);
		return 0;
	}

	private async getUpdates(params: Record<string, unknown>): Promise<Answer> {
		if (this.webhook) return bad("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", 409);
		const offset = Number(params.offset ?? 0);
		const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
		const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
		// An offset confirms every update before it: those are never served again.
		while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
		if (this.updates.length === 0 && timeout > 0) {
			await new Promise<void>((resolve) => {
				const wake = (): void => {
					clearTimeout(timer);
					this.waiters.delete(wake);
					resolve();
				};
				const timer = setTimeout(wake, timeout * 1000);
				this.waiters.add(wake);
			});
		}
		return { ok: true, result: this.updates.slice(0, limit) };
	}

	private answerQuery(params: Record<string, unknown>, key: string): Answer {
		const id = String(params[key] ?? '');
		if (!this.openQueries.delete(id)) return bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
		if (typeof params.text === 'string' && params.text.length > 200) return bad('Bad Request: MESSAGE_TOO_LONG');
		return { ok: true, result: true };
	}

	private answerInlineQuery(params: Record<string, unknown>): Answer {
		const error = checkInlineResults(params.results, { rich: this.rich.supported });
		return error ? bad(error) : this.answerQuery(params, 'inline_query_id');
	}
}
