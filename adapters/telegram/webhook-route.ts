import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { secretsEqual } from '../../src/http/bearer-token.js';
import type { HttpRoute } from '../../src/http/http-server.js';
import { readBody } from '../../src/http/read-body.js';
import type { Logger } from '../../src/logger.js';
import { describeTelegramError } from './telegram-errors.js';

/** Updates are small; anything bigger is not from Telegram. */
const maxBodyBytes = 1 << 20;

export interface WebhookOptions {
	readonly bot: Bot;
	/** The path of TELEGRAM_WEBHOOK_URL, which Telegram posts to. */
	readonly path: string;
	readonly secret: string;
	readonly log: Logger;
	readonly secrets: readonly string[];
	/** With several web instances: true only for the first instance to see a key (Coordination.firstSighting). */
	readonly firstSighting?: (key: string, ttlMs: number) => Promise<boolean>;
}

/**
 * A secret for `setWebhook` when none is configured: derived from the token, so it is stable
 * across restarts, unguessable without the token, and never the token itself.
 */
export function deriveWebhookSecret(token: string): string {
	return createHash('sha256').update(`digestbot-webhook:${token}`).digest('hex');
}

/** Telegram keeps an undelivered update for 24 hours: a retry can come that late. */
const updateMemoryMs = 24 * 3600_000;

export interface WebhookHandler {
	readonly route: HttpRoute;
	/** Waits for the updates still being handled. */
	drain(): Promise<void>;
}

/**
 * The webhook endpoint, a route on the bot's one HTTP server (the composition root opens it).
 * Receives updates over HTTPS-terminated HTTP. Telegram re-sends an update whose request
 * takes too long, so the request is answered as soon as the update is accepted and the work
 * runs afterwards; per-chat ordering comes from the bot's `sequentialize` middleware.
 * Requests without the right `X-Telegram-Bot-Api-Secret-Token` are refused.
 * https://core.telegram.org/bots/api#setwebhook
 */
export function createWebhookHandler(options: WebhookOptions): WebhookHandler {
	const inFlight = new Set<Promise<void>>();
	const handle = (request: IncomingMessage, response: ServerResponse): void => {
		if (!secretsEqual(String(request.headers['x-telegram-bot-api-secret-token'] ?? ''), options.secret)) {
			response.writeHead(401).end();
			return;
		}
		readBody(request, maxBodyBytes)
			.then((body) => {
				const update = JSON.parse(body.toString('utf8')) as Update;
				if (typeof update?.update_id !== 'number') throw new Error('not an update');
				response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
				// Behind several web instances, Telegram's retry of an update may reach another one:
				// the first to see an update_id handles it (a Redis SET NX), the rest drop it.
				const seen = options.firstSighting ? options.firstSighting(`telegram-update:${update.update_id}`, updateMemoryMs) : Promise.resolve(true);
				const work = seen
					.then((first) => (first ? options.bot.handleUpdate(update) : undefined))
					.catch((error: unknown) => options.log.error({ updateId: update.update_id, err: describeTelegramError(error, options.secrets) }, 'webhook update failed'))
					.finally(() => inFlight.delete(work));
				inFlight.add(work);
			})
			.catch(() => {
				if (!response.headersSent) response.writeHead(400).end();
			});
	};
	return {
		route: { method: 'POST', path: options.path, handle },
		drain: async () => {
			await Promise.allSettled([...inFlight]);
		},
	};
}
