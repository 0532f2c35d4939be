import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

const optionalString = z
	.string()
	.trim()
	.transform((value) => (value === '' ? undefined : value))
	.optional();

const apiRoot = z
	.string()
	.trim()
	.url({ message: 'must be an http(s) URL such as http://127.0.0.1:8081' })
	.refine((value) => /^https?:\/\//.test(value), { message: 'must start with http:// or https://' })
	.transform((value) => value.replace(/\/+$/, ''))
	.optional()
	.or(z.literal('').transform(() => undefined));

/** A comma- or space-separated list; `problem` says what is wrong with one entry, or nothing. */
function listOf(problem: (entry: string, index: number) => string | undefined) {
	return z
		.string()
		.trim()
		.optional()
		.transform((value, context) => {
			const entries = value ? value.split(/[\s,]+/).filter(Boolean) : [];
			entries.forEach((entry, index) => {
				const message = problem(entry, index);
				if (message) context.addIssue({ code: 'custom', message });
			});
			return entries;
		});
}

const idList = listOf((id) => (/^\d{1,20}$/.test(id) ? undefined : `"${id.slice(0, 20)}" is not a numeric user id`));

// The position, not the value: a private feed URL carries its reader's token.
const feedUrlList = listOf((url, index) => (/^https?:\/\/[^\s/]+/i.test(url) && URL.canParse(url) ? undefined : `entry ${index + 1} is not an http(s) URL`));

/**
 * One entry of `PUBLICATIONS`: names, describes and orders a publication (by position). `feed`
 * ties it to a followed feed's URL (its slug then replaces the one from the feed's title);
 * `folder: true` makes it the digest folder's own files, which are otherwise `digest`.
 */
export const publicationEntrySchema = z.object({
	slug: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, { message: 'a slug is a lowercase word of letters, digits and -, starting with a letter (up to 32)' }).refine((slug) => slug !== 'all' && slug !== 'latest', { message: 'all and latest are keywords, not slugs' }),
	name: z.string().trim().min(1).max(80),
	description: z.string().trim().max(200).optional(),
	feed: z.string().url().optional(),
	folder: z.literal(true).optional(),
});
export type PublicationEntry = z.infer<typeof publicationEntrySchema>;

const publicationList = z
	.string()
	.trim()
	.optional()
	.transform((value, context): PublicationEntry[] => {
		if (!value) return [];
		let json: unknown;
		try {
			json = JSON.parse(value);
		} catch {
			context.addIssue({ code: 'custom', message: 'must be a JSON array such as [{"slug":"rust","name":"This Week in Rust"}]' });
			return z.NEVER;
		}
		const parsed = z.array(publicationEntrySchema).max(100).safeParse(json);
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			context.addIssue({ code: 'custom', message: `entry ${Number(issue.path[0] ?? 0) + 1}${issue.path[1] ? ` (${String(issue.path[1])})` : ''}: ${issue.message}` });
			return z.NEVER;
		}
		const slugs = parsed.data.map((entry) => entry.slug);
		if (new Set(slugs).size !== slugs.length) context.addIssue({ code: 'custom', message: 'names a slug twice' });
		if (parsed.data.filter((entry) => entry.folder).length > 1) context.addIssue({ code: 'custom', message: 'marks more than one entry as the folder' });
		return parsed.data;
	});

/**
 * Every setting the bot reads, validated once at start-up. Nothing else in the code base reads
 * `process.env`: the composition root passes the parsed result down.
 */
export const configSchema = z.object({
	DIGEST_DIR: z.string().trim().min(1).default('./digests'),
	DATA_DIR: z.string().trim().min(1).default('./data'),
	STORE_URL: z
		.string()
		.trim()
		.optional()
		.refine((value) => !value || /^(sqlite|redis|rediss|memory):/.test(value), {
			message: 'must be sqlite://PATH, redis://HOST:PORT or memory://',
		}),
	/** Unset: `info` when serving a platform, `warn` in the console so that replies are not buried in logs. */
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
	TELEGRAM_BOT_TOKEN: optionalString.refine((value) => !value || /^\d+:[\w-]{20,}$/.test(value), {
		message: 'does not look like a token from @BotFather (digits, a colon, then at least 20 letters)',
	}),
	TELEGRAM_API_ROOT: apiRoot,
	TELEGRAM_WEBHOOK_URL: apiRoot,
	TELEGRAM_WEBHOOK_SECRET: optionalString.refine((value) => !value || /^[A-Za-z0-9_-]{1,256}$/.test(value), {
		message: 'may only contain A-Z, a-z, 0-9, _ and - (1 to 256 characters), as Telegram requires',
	}),
	DISCORD_TOKEN: optionalString,
	DISCORD_API_ROOT: apiRoot,
	DISCORD_APPLICATION_ID: optionalString.refine((value) => !value || /^\d{17,20}$/.test(value), { message: 'must be a snowflake id' }),
	DISCORD_GUILD_ID: optionalString.refine((value) => !value || /^\d{17,20}$/.test(value), { message: 'must be a snowflake id' }),
	HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
	PUBLISH_TOKEN: optionalString.refine((value) => !value || value.length >= 16, { message: 'must be at least 16 characters' }),
	ADMIN_IDS: idList,
	/** Largest digest `POST /issues` accepts; the parser refuses anything over 2 MiB anyway. */
	PUBLISH_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 * 1024).default(2 * 1024 * 1024),
	/** Posts sent at once by the delivery worker. */
	DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
	/** Transient failures (5xx, network) before a post is given up and counted as failed. */
	DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
	DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
	DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(3_600_000).default(60_000),
	/** Telegram's broadcast ceiling: 30/s, up to 1000/s with paid broadcasts (TELEGRAM_PAID_BROADCAST). */
	TELEGRAM_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
	/** Sets `allow_paid_broadcast` on broadcast posts (never on replies): Telegram bills them in Stars above 30/s. */
	TELEGRAM_PAID_BROADCAST: z
		.enum(['true', 'false', '1', '0', ''])
		.optional()
		.transform((value) => value === 'true' || value === '1'),
	/**
	 * Rich messages (Bot API 10.1): `on` tries them and falls back for good on the first "method
	 * not found"; `off` renders every answer and post with entities, as servers before 10.1 need.
	 */
	TELEGRAM_RICH: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
	TELEGRAM_GROUP_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
	/** Issue posts and answers as Components V2 cards (`on`), or as content and embeds like before (`off`). */
	DISCORD_COMPONENTS_V2: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
	DISCORD_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(50),
	/** An OpenAI-compatible Chat Completions endpoint for /ask, e.g. Ollama's http://127.0.0.1:11434/v1. Unset: extractive answers. */
	LLM_BASE_URL: apiRoot,
	LLM_MODEL: optionalString,
	/** Sent as a bearer token; local servers (Ollama, llama.cpp) need none. A secret: never logged. */
	LLM_API_KEY: optionalString,
	/** An embedding model on the same endpoint (e.g. nomic-embed-text) to rerank retrieved passages; unset: BM25 order. */
	LLM_EMBED_MODEL: optionalString,
	/** No token for this long cuts the answer off, keeping what was written. */
	LLM_STALL_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
	/** The longest a whole answer may take. */
	LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
	LLM_MAX_TOKENS: z.coerce.number().int().min(16).max(32_768).default(800),
	/**
	 * Where `/ask` answers in a group: `private` shows the answer only to the asker (a Telegram
	 * ephemeral message, a Discord ephemeral reply), `public` posts it for the whole group.
	 */
	ASK_IN_GROUPS: z.enum(['private', 'public'], { message: 'must be private or public' }).default('private'),
	/** Questions one reader may ask a minute. */
	ASK_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
	/** Feeds to follow, comma-separated; more can be added with `npm run cli -- feeds add URL`. */
	FEED_URLS: feedUrlList,
	/** Optional JSON array naming, describing and ordering the publications (README, "Several publications"). */
	PUBLICATIONS: publicationList,
	/** Minutes between two polls of a feed (jittered); fractions are allowed so tests need not wait minutes. */
	FEED_POLL_MINUTES: z.coerce.number().min(0.01).max(24 * 60).default(15),
	/** Lets feeds on loopback and private addresses through (tests, a feed on the same LAN); off by default against SSRF. */
	FEED_ALLOW_PRIVATE: z
		.enum(['true', 'false', ''], { message: 'must be true or false' })
		.optional()
		.transform((value) => value === 'true'),
	/** What this process does: `web` answers commands and receives updates, `worker` only delivers, `all` both. */
	ROLE: z.enum(['all', 'web', 'worker']).default('all'),
	/** Prefix of the keys BullMQ, the broadcast ledger and the shared limits write on Redis (one per deployment). */
	REDIS_KEY_PREFIX: z.string().trim().regex(/^[\w.-]{1,64}$/, { message: 'may only contain letters, digits, _, . and - (1 to 64)' }).default('digestbot'),
	/** The Discord gateway shards this process connects (e.g. `0,1`) out of DISCORD_SHARD_COUNT; unset: all of them. */
	DISCORD_SHARD_IDS: listOf((id) => (/^\d{1,5}$/.test(id) ? undefined : `"${id.slice(0, 10)}" is not a shard number`)).transform((ids) => ids.map(Number)),
	/** Shards of the whole bot across every process; set together with DISCORD_SHARD_IDS. */
	DISCORD_SHARD_COUNT: z.coerce.number().int().min(1).max(65_535).optional(),
}).superRefine((config, context) => {
	if (config.LLM_BASE_URL && !config.LLM_MODEL) context.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'is required when LLM_BASE_URL is set (the model name, e.g. qwen3:4b)' });
});

/** Settings that are wrong only together; each message names the variable to change. */
function checkCombinations(config: z.infer<typeof configSchema>, context: z.RefinementCtx): void {
	if (config.TELEGRAM_MESSAGES_PER_SECOND > 30 && !config.TELEGRAM_PAID_BROADCAST) {
		context.addIssue({
			code: 'custom',
			path: ['TELEGRAM_MESSAGES_PER_SECOND'],
			message: 'may be above 30 only with TELEGRAM_PAID_BROADCAST=true: Telegram accepts more than 30 broadcast messages per second only as paid broadcasts (allow_paid_broadcast, billed in Stars) and answers the rest with 429',
		});
	}
	checkShards(config, context);
}

/** Shards split across processes: both variables or neither, and every id one of the count's. */
function checkShards(config: z.infer<typeof configSchema>, context: z.RefinementCtx): void {
	const ids = config.DISCORD_SHARD_IDS;
	const count = config.DISCORD_SHARD_COUNT;
	if (ids.length > 0 && count === undefined) context.addIssue({ code: 'custom', path: ['DISCORD_SHARD_COUNT'], message: 'is required when DISCORD_SHARD_IDS is set (the number of shards of all processes together)' });
	if (ids.length === 0 && count !== undefined) context.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: 'is required when DISCORD_SHARD_COUNT is set (the shards this process connects, e.g. 0,1)' });
	if (count !== undefined && count >= 1 && ids.some((id) => id >= count)) context.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: `must be below DISCORD_SHARD_COUNT (${count}): shards are numbered 0 to ${count - 1}` });
	if (new Set(ids).size !== ids.length) context.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: 'lists a shard twice' });
}

export type Config = z.infer<typeof configSchema>;

/** Resolved paths and flags derived from the raw settings. */
export interface Settings extends Config {
	readonly digestDir: string;
	readonly dataDir: string;
}

/**
 * Parses the environment. A bad value raises {@link ConfigError} whose message names the
 * variable and says what it must look like, never echoing the value (it may be a secret).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Settings {
	const result = configSchema.superRefine(checkCombinations).safeParse(env);
	if (!result.success) {
		const variables = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? 'configuration')))];
		const lines = result.error.issues.map((issue) => `  ${String(issue.path[0] ?? 'configuration')}: ${issue.message}`);
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSet the variable correctly or unset it to use the default (see README, "Configuration").`, variables);
	}
	const config = result.data;
	return { ...config, digestDir: resolve(config.DIGEST_DIR), dataDir: resolve(config.DATA_DIR) };
}
