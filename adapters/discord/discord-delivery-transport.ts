import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import { translatorFor } from '../../src/i18n/translator.js';
import type { Block } from '../../src/content/block.js';
import type { DeliveryTransport, PostPart, SentPost } from '../../src/delivery/delivery-transport.js';
import { defaultPartRetryPolicy } from '../../src/delivery/retry-policy.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { createChannelDirectory, type ChannelShape } from './channel-directory.js';
import { routeByChannelShape } from './channel-routing.js';
import { postRoute, toDeliveryError } from './discord-delivery-errors.js';
import { discordRateLimits } from './discord-rate-limits.js';
import { capCards } from './components-v2/v2-append.js';
import { packComponentsV2 } from './components-v2/v2-packer.js';
import { isV2Message, postBody, type DiscordPayload } from './discord-payload.js';
import { discordMessageDigest, isV2Post, replaceDiscordMessage } from './discord-post-edit.js';
import { renderBlocks } from './discord-renderer.js';

export interface DiscordDeliveryOptions {
	readonly token: string;
	/** Another Discord (DISCORD_API_ROOT), e.g. the fake in tests. */
	readonly apiRoot?: string;
	/** discord.js's own global ceiling (default 50/s, Discord's limit); raised only where no real Discord is behind `apiRoot`, e.g. benchmarks. */
	readonly globalRequestsPerSecond?: number;
	/**
	 * Posts issues as Components V2 cards (DISCORD_COMPONENTS_V2=on). Off, or absent, posts content
	 * and embeds as before V2. Either way a correction edits a message in the kind it was posted in.
	 */
	readonly componentsV2?: boolean;
	/** A channel's shape as the gateway client's cache knows it, to spare a `GET /channels/{id}` before a post (channel-directory.ts). */
	readonly cachedChannelShape?: (channelId: string) => ChannelShape | undefined;
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

/**
 * Renders issues for Discord channels, threads and DMs and sends them one message at a time; the
 * core's post sequence (src/delivery/post-sequence.ts) paces the messages and retries a later one.
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
 *   tracks it from the response headers), up to the core's longest in-place wait for a later
 *   part (`defaultPartRetryPolicy.maxRetryAfterMs`); a 5xx or network failure is retried by the
 *   core's post sequence. Only if that fails too does the worker retry the whole post.
 * Interaction replies keep the gateway client's REST, which waits and retries as before.
 */
export function createDiscordDelivery(options: DiscordDeliveryOptions): DiscordDelivery {
	const maxContinuationWaitMs = defaultPartRetryPolicy.maxRetryAfterMs;
	/** Channels with a later message of a post in flight, counted in case two issues go to one channel at once. */
	const continuing = new Map<string, number>();
	const rest = new REST({
		...(options.apiRoot ? { api: options.apiRoot } : {}),
		...(options.globalRequestsPerSecond ? { globalRequestsPerSecond: options.globalRequestsPerSecond } : {}),
		retries: 0,
		rejectOnRateLimit: (limit) => !continuing.has(limit.majorParameter) || limit.retryAfter > maxContinuationWaitMs,
	}).setToken(options.token);

	/**
	 * Set once a server refused a post's first card as an invalid form (a server speaking Discord's
	 * API without Components V2): from then on this process posts content and embeds, as with
	 * DISCORD_COMPONENTS_V2=off. Nothing of that post was sent, so it is handed back as transient and
	 * the retry renders it as embeds: a post is never lost to the newer form.
	 */
	let cardsRefused = false;

	const post = async (channelId: string, message: DiscordPayload, first = true): Promise<string> => {
		try {
			const created = (await rest.post(Routes.channelMessages(channelId), { body: postBody(message) })) as { id: string };
			return created.id;
		} catch (error) {
			if (first && isV2Message(message) && error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InvalidFormBodyOrContentType) {
				cardsRefused = true;
				throw new DeliveryError('transient', { platform: 'discord', method: postRoute, cause: error, description: `a Components V2 card was refused (${error.message}); posting content and embeds from now on` });
			}
			throw toDeliveryError(error);
		}
	};

	/** A later message: discord.js waits out the channel's bucket itself while it is in flight (see above). */
	const postContinuation = async (channelId: string, message: DiscordPayload): Promise<string> => {
		continuing.set(channelId, (continuing.get(channelId) ?? 0) + 1);
		try {
			return await post(channelId, message, false);
		} finally {
			const count = (continuing.get(channelId) ?? 1) - 1;
			if (count > 0) continuing.set(channelId, count);
			else continuing.delete(channelId);
		}
	};

	/**
	 * The worker hands every subscriber of one issue and format the same content array, so it is
	 * rendered once per broadcast, not once per channel: rendering (markdown escaping above all)
	 * cost more than the HTTP post itself in the fan-out benchmark (bench/fanout-discord.ts). One
	 * cache per kind: a correction of an old post may ask for the kind the settings no longer post.
	 */
	const rendered = { v2: new WeakMap<readonly Block[], RenderedPost>(), embeds: new WeakMap<readonly Block[], RenderedPost>() };
	const render = (issueId: string, content: readonly Block[], locale: string | undefined, v2: boolean): readonly PostPart<DiscordPayload>[] => {
		const cache = v2 ? rendered.v2 : rendered.embeds;
		const cached = cache.get(content);
		if (cached?.issueId === issueId) return cached.parts;
		// Content is rendered per language already (the worker's cache), so its words can be in that language too.
		const t = translatorFor(locale);
		const cutNote = `_${t.text('discord-post-cut', { issue: issueId })}_`;
		const messages: readonly DiscordPayload[] = v2
			? capCards(packComponentsV2(content, { maxMessages: maxMessagesPerPost + 1, storyButtonLabel: (story) => t.text('button-story', { number: String(story) }) }), maxMessagesPerPost, cutNote)
			: renderBlocks(content, { maxMessages: maxMessagesPerPost, cutNote });
		const parts = messages.map((message) => ({ digest: discordMessageDigest(message), payload: message }));
		cache.set(content, { issueId, parts });
		return parts;
	};
	/** A new post in the kind the settings say; a correction in the kind of the post it edits. */
	const kindFor = (replacing: SentPost | undefined): boolean => (replacing ? isV2Post(replacing) : options.componentsV2 === true && !cardsRefused);

	const transport: DeliveryTransport<DiscordPayload> = {
		limits: discordRateLimits(options.globalRequestsPerSecond ?? 50),
		render: (delivery, content, replacing) => render(delivery.issueId, content, delivery.subscription.locale, kindFor(replacing)),
		sendPart: async (_delivery, channelId, message, continuation) => ({ id: await (continuation ? postContinuation(channelId, message) : post(channelId, message)) }),
		replacePart: (_delivery, channelId, messageId, message) => replaceDiscordMessage(rest, channelId, messageId, message),
	};

	return {
		// Forums get a post per issue and announcement channels a crosspost (channel-routing.ts).
		transport: routeByChannelShape(transport, { rest, directory: createChannelDirectory(rest, options.cachedChannelShape ? { cached: options.cachedChannelShape } : {}), bodyOf: postBody }),
		stop() {
			rest.clearHashSweeper();
			rest.clearHandlerSweeper();
		},
	};
}

/** One rendered post, kept for the broadcast's other channels. */
interface RenderedPost {
	readonly issueId: string;
	readonly parts: readonly PostPart<DiscordPayload>[];
}
