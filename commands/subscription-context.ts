import { z } from 'zod';
import type { ChatAccess, ResolvedTarget } from '../src/command/chat-access.js';
import type { CommandContext } from '../src/command/command.js';
import { failure } from '../src/i18n/failures.js';
import type { FailureBlock } from '../src/content/block.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';
import { subscriptionFormats, type SubscriptionFormat } from '../src/subscriptions/subscription.js';
import type { Translator } from '../src/i18n/translator.js';
import { isFailure } from './resolve-issue.js';

/** The store and the platform's access checks, or the failure to answer where there are none. */
export function subscriptionTools(context: CommandContext): { store: SubscriptionStore; access: ChatAccess } | FailureBlock {
	if (!context.subscriptions || !context.access) return failure('subscriptions-unavailable', {});
	return { store: context.subscriptions, access: context.access };
}

/**
 * The store and the chat a subscription command acts on, after the platform's checks (admin,
 * and for `subscribe` that the bot can post), or the failure to answer with.
 */
export async function resolveSubscriptionTarget(
	context: CommandContext,
	reference: string | undefined,
	purpose: Parameters<ChatAccess['resolveTarget']>[1],
): Promise<{ store: SubscriptionStore; resolved: ResolvedTarget } | FailureBlock> {
	const tools = subscriptionTools(context);
	if (isFailure(tools)) return tools;
	const resolution = await tools.access.resolveTarget(reference, purpose);
	return resolution.ok ? { store: tools.store, resolved: resolution.resolved } : resolution.failure;
}

/** What each format sends, as `/subscribe` and `/settings` explain it, in the reader's language. */
export function describeFormat(format: SubscriptionFormat, t: Translator): string {
	return t.text(`format-${format}`);
}

export const formatArgument = z.enum(subscriptionFormats, { message: 'argument-one-of' });

/** "Policy, Quick Takes" → ["Policy", "Quick Takes"]; "all" or nothing → every section. */
export const sectionsArgument = z
	.string()
	.trim()
	.max(200, { message: 'argument-too-long-short' })
	.optional()
	.transform((value) => {
		if (!value || /^(all|any|\*)$/i.test(value)) return [];
		return value
			.split(/[,;]/)
			.map((part) => part.trim())
			.filter((part) => part !== '')
			.slice(0, 10);
	});

/**
 * Where a subscription command may point. How a chat is written ("@channel" on Telegram,
 * "<#123>" on Discord) is the platform's to read: the dispatcher asks the origin's ChatAccess
 * about every `channel` option, so this schema only bounds the text.
 */
export const targetArgument = z.string().trim().max(100, { message: 'argument-too-long-short' }).optional();
