import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { PostFollowUp } from '../../src/delivery/delivery-transport.js';
import type { LimitRule } from '../../src/delivery/rate-reserver.js';
import type { ChannelDirectory } from './channel-directory.js';
import { toDeliveryError } from './discord-delivery-errors.js';

/** The name the crosspost limit is declared under (`PlatformLimits.named`). */
export const crosspostLimitName = 'crosspost';

/**
 * Discord's crossposts: 10 per announcement channel per hour.
 * https://discord.com/developers/docs/resources/message#crosspost-message
 */
export const crosspostLimit: LimitRule = { limit: 10, windowMs: 3_600_000 };

/**
 * Publishes each message of a post to an announcement channel to every server that follows the
 * channel (`POST /channels/{channel}/messages/{message}/crosspost`). The core runs it as the
 * second step of the post's job, each request paced by the `crosspost` limit, which the
 * limiter shares across workers; one over the limit waits for its window with the post kept.
 * A message crossposted already (a retry after a crash) counts as done.
 */
export function createCrosspostFollowUp(rest: REST, directory: ChannelDirectory): PostFollowUp {
	return {
		limit: crosspostLimitName,
		async pending(delivery, post) {
			if (delivery.subscription.kind === 'private' || post.chatId !== delivery.subscription.chatId) return [];
			return (await directory.shapeOf(post.chatId)).kind === 'announcement' ? post.messages : [];
		},
		async send(_delivery, chatId, messageId) {
			try {
				await rest.post(Routes.channelMessageCrosspost(chatId, messageId));
			} catch (error) {
				if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted) return;
				throw toDeliveryError(error);
			}
		},
	};
}
