import { DiscordAPIError, HTTPError, MessageFlags, RateLimitError, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import { failure } from '../../src/i18n/failures.js';
import type { Logger } from '../../src/logger.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { renderSpans } from './discord-markdown.js';

/** What went wrong talking to Discord, in terms of what we can still do about it. */
export type DiscordErrorKind =
	/** The 3 s (or 15 min) window closed, or the token is no longer valid: nothing can be sent. */
	| 'interaction-expired'
	| 'missing-access'
	| 'missing-permissions'
	| 'rate-limited'
	| 'discord-unavailable'
	| 'rejected'
	| 'bug';

export interface ClassifiedError {
	readonly kind: DiscordErrorKind;
	readonly status?: number;
	readonly code?: number | string;
	readonly method?: string;
}

/** Sorts an error by what it means for the user. Never reads the request URL: it holds the interaction token. */
export function classifyDiscordError(error: unknown): ClassifiedError {
	if (error instanceof DiscordAPIError) {
		const base = { status: error.status, code: error.code, method: error.method };
		switch (error.code) {
			case RESTJSONErrorCodes.UnknownInteraction:
			case RESTJSONErrorCodes.InvalidWebhookToken:
			case RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged:
				return { kind: 'interaction-expired', ...base };
			case RESTJSONErrorCodes.MissingAccess:
				return { kind: 'missing-access', ...base };
			case RESTJSONErrorCodes.MissingPermissions:
				return { kind: 'missing-permissions', ...base };
		}
		return { kind: error.status === 429 ? 'rate-limited' : 'rejected', ...base };
	}
	if (error instanceof RateLimitError) return { kind: 'rate-limited', status: 429, method: error.method };
	if (error instanceof HTTPError) return { kind: 'discord-unavailable', status: error.status, method: error.method };
	if (error instanceof Error && (error.name === 'AbortError' || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed/i.test(error.message))) {
		return { kind: 'discord-unavailable' };
	}
	return { kind: 'bug' };
}

/** What the user reads for each kind, in their language, where telling them anything is possible and useful. */
function friendlyText(kind: DiscordErrorKind, locale: string | undefined): string | undefined {
	switch (kind) {
		case 'missing-access':
		case 'missing-permissions':
			// Written in Discord Markdown already: the permission names are bold.
			return translatorFor(locale).text('discord-no-permission');
		case 'rate-limited':
			return translatorFor(locale).text('discord-slow-down');
		case 'discord-unavailable':
		case 'rejected':
		case 'bug':
			return renderSpans(failure('internal-error', {}, locale).spans);
		case 'interaction-expired':
			return undefined;
	}
}

/**
 * Runs one interaction's handler so that nothing it throws can reach the process: the error
 * is logged with its Discord code (never the token or the interaction token), and the user
 * gets an ephemeral explanation where Discord still accepts one.
 */
export async function guardInteraction(interaction: Interaction, log: Logger, run: () => Promise<void>): Promise<void> {
	try {
		await run();
	} catch (error) {
		const classified = classifyDiscordError(error);
		const context = { interaction: interaction.id, type: interaction.type, guild: interaction.guildId, channel: interaction.channelId, ...classified };
		if (classified.kind === 'bug') log.error({ ...context, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, 'discord interaction failed');
		else log.warn(context, `discord interaction failed: ${classified.kind}`);
		const text = friendlyText(classified.kind, 'locale' in interaction ? interaction.locale : undefined);
		if (!text || !interaction.isRepliable()) return;
		try {
			const payload = { content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
			if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
			else await interaction.reply(payload);
		} catch (secondError) {
			log.debug({ interaction: interaction.id, ...classifyDiscordError(secondError) }, 'could not tell the user about the failure');
		}
	}
}
