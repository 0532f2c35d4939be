import { REST, Routes, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { translatorFor } from '../../src/i18n/translator.js';
import type { Block } from '../../src/content/block.js';
import { sendContinuation } from '../../src/delivery/continuation-retry.js';
import type { Delivery, DeliveryTransport, PostedMessage } from '../../src/delivery/delivery-transport.js';
import { toDeliveryError } from './discord-delivery-errors.js';
import { discordRateLimits } from './discord-rate-limits.js';
import { discordMessageDigest, editDiscordPost } from './discord-post-edit.js';
import { renderBlocks, type DiscordMessage } from './discord-renderer.js';

export interface DiscordDeliveryOptions {
	readonly token: string;
	/** Another Discord (DISCORD_API_ROOT), e.g. the fake in tests. */
	readonly apiRoot?: string;
	/** Longest 429 wait accepted inside a post before giving it back to the worker (default 30 s). */
	readonly maxContinuationWaitMs?: number;
	/** Pause before retrying a continuation message after a 5xx or network failure (default 500 ms, doubled each time). */
	readonly continuationRetryDelayMs?: number;
	/** discord.js's own global ceiling (default 50/s, Discord's limit); raised only where no real Discord is behind `apiRoot`, e.g. benchmarks. */
	readonly globalRequestsPerSecond?: number;
}

/** A running transport and the means to release the REST client's timers. */
export interface DiscordDelivery {
	readonly transport: DeliveryTransport;
	stop(): void;
}

/**
 * How many messages one issue may take. A `full` issue takes as many as it needs; this only
 * stops a runaway digest from flooding a channel (50 messages is 100 000 characters of text
 * and up to 300 000 of embeds, far beyond any real issue).
 */
const maxMessagesPerPost = 50;

/** Retries of a continuation message after a 5xx or network failure, before the post fails. */
const continuationRetries = 2;

/**
 * Posts issues to Discord channels, threads and DMs for the delivery worker.
 *
 * It uses a REST client of its own rather than the gateway client's, configured so that the
 * worker's retry policy decides, not discord.js:
 * - `retries: 0`: discord.js would otherwise resend a 5xx or timed-out post three times at
 *   once, without backoff, while holding a worker slot; the worker backs off with jitter instead.
 * - `rejectOnRateLimit` for a post's first message: instead of sleeping through a 429 (or a
 *   bucket it knows is empty) while holding a slot, discord.js throws a RateLimitError, which
 *   becomes `rate-limited` with Discord's retry_after, and the worker defers the job and serves
 *   other channels meanwhile. Nothing was posted yet, so the retry duplicates nothing.
 * - Once the first message of a post is out, retrying the post would repeat it. So for the rest
 *   of that post, discord.js waits out the channel's 5-messages-per-5-seconds bucket itself (it
 *   tracks it from the response headers), up to `maxContinuationWaitMs`; a 5xx or network
 *   failure is retried here twice. Only if that fails too does the worker retry the whole post.
 * Interaction replies keep the gateway client's REST, which waits and retries as before.
 */
export function createDiscordDelivery(options: DiscordDeliveryOptions): DiscordDelivery {
	const maxContinuationWaitMs = options.maxContinuationWaitMs ?? 30_000;
	const retryDelayMs = options.continuationRetryDelayMs ?? 500;
	/** Channels with a post past its first message, counted in case two issues go to one channel at once. */
	const continuing = new Map<string, number>();
	const rest = new REST({
		...(options.apiRoot ? { api: options.apiRoot } : {}),
		...(options.globalRequestsPerSecond ? { globalRequestsPerSecond: options.globalRequestsPerSecond } : {}),
		retries: 0,
		rejectOnRateLimit: (limit) => !continuing.has(limit.majorParameter) || limit.retryAfter > maxContinuationWaitMs,
	}).setToken(options.token);

	const post = async (channelId: string, message: DiscordMessage): Promise<PostedMessage> => {
		try {
			const created = (await rest.post(Routes.channelMessages(channelId), { body: messageBody(message) })) as { id: string };
			return { id: created.id, digest: discordMessageDigest(message) };
		} catch (error) {
			throw toDeliveryError(error);
		}
	};

	/** A later message: retried in place by the shared rule (a 429 is waited out by discord.js itself, see above). */
	const postContinuation = (channelId: string, message: DiscordMessage): Promise<PostedMessage> =>
		sendContinuation(() => post(channelId, message), toDeliveryError, { attempts: continuationRetries + 1, backoffBaseMs: retryDelayMs, maxWaitMs: maxContinuationWaitMs });

	/**
	 * The worker hands every subscriber of one issue and format the same content array, so it is
	 * rendered once per broadcast, not once per channel: rendering (markdown escaping above all)
	 * cost more than the HTTP post itself in the fan-out benchmark (bench/fanout-discord.ts).
	 */
	const rendered = new WeakMap<readonly Block[], { readonly issueId: string; readonly messages: DiscordMessage[] }>();
	const render = (issueId: string, content: readonly Block[], locale: string | undefined): DiscordMessage[] => {
		const cached = rendered.get(content);
		if (cached?.issueId === issueId) return cached.messages;
		// Content is rendered per language already (the worker's cache), so its note can be in that language too.
		const cutNote = `_${translatorFor(locale).text('discord-post-cut', { issue: issueId })}_`;
		const messages = renderBlocks(content, { maxMessages: maxMessagesPerPost, cutNote });
		rendered.set(content, { issueId, messages });
		return messages;
	};

	const transport: DeliveryTransport = {
		limits: discordRateLimits(options.globalRequestsPerSecond ?? 50),
		async send(delivery: Delivery, content: readonly Block[]) {
			const channelId = delivery.subscription.chatId;
			const messages = render(delivery.issueId, content, delivery.subscription.locale);
			const [first, ...further] = messages;
			if (!first) return;
			const posted = [await post(channelId, first)];
			continuing.set(channelId, (continuing.get(channelId) ?? 0) + 1);
			try {
				for (const message of further) {
					await delivery.pace();
					posted.push(await postContinuation(channelId, message));
				}
			} finally {
				const count = (continuing.get(channelId) ?? 1) - 1;
				if (count > 0) continuing.set(channelId, count);
				else continuing.delete(channelId);
			}
			return { chatId: channelId, messages: posted };
		},
		edit: (delivery, posted, content) => editDiscordPost(rest, delivery, posted, render(delivery.issueId, content, delivery.subscription.locale)),
	};

	return {
		transport,
		stop() {
			rest.clearHashSweeper();
			rest.clearHandlerSweeper();
		},
	};
}

/** A new message leaves out empty content: Discord counts "" as no content. */
function messageBody(message: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
	return {
		...(message.content !== '' ? { content: message.content } : {}),
		embeds: message.embeds,
		components: message.components,
		// Nobody is pinged by a post, whatever a digest contains.
		allowed_mentions: { parse: [] },
	};
}
