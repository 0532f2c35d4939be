import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import { resolveLocale } from '../src/i18n/locale.js';
import { translatorFor } from '../src/i18n/translator.js';
import { describeFormat, formatArgument, resolveSubscriptionTarget, sectionsArgument, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';
import { choosePublicationToFollow, followedPublication } from './followed-publication.js';
import { publicationArgument, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'subscribe',
	description: 'Get every new issue in this chat or a channel you admin',
	usage: '/subscribe [@channel] [headlines|top|full] [sections]',
	audience: 'chat-admins',
	options: [
		{ name: 'channel', description: 'channel to post to (default: this chat)', type: 'channel', required: false, maxLength: 100 },
		{ name: 'format', description: 'what to send: headlines, top or full', type: 'string', required: false, maxLength: 10 },
		{ name: 'sections', description: 'only these sections, comma-separated', type: 'string', required: false, rest: true, autocomplete: 'section', maxLength: 200 },
		publicationOption,
	],
	// Typed, "/subscribe top" puts the format where the channel goes: it is moved to where it belongs.
	schema: z
		.preprocess((raw) => {
			const value = { ...(raw as Record<string, unknown>) };
			// "/subscribe all top": `all` (every publication) comes first and shifts the rest along.
			if (typeof value.channel === 'string' && value.channel.toLowerCase() === 'all' && value.publication === undefined) {
				const [format, ...sections] = typeof value.sections === 'string' ? value.sections.split(/\s+/) : [];
				value.publication = 'all';
				value.channel = value.format;
				value.format = format || undefined;
				value.sections = sections.join(' ') || undefined;
			}
			// A bare word is no channel reference (those start with @ or #, or are ids): it is the format.
			if (typeof value.channel === 'string' && !/^[@#<\d-]/.test(value.channel)) {
				value.sections = [value.format, value.sections].filter(Boolean).join(' ') || undefined;
				value.format = value.channel.toLowerCase();
				delete value.channel;
			}
			if (typeof value.format === 'string') value.format = value.format.toLowerCase();
			return value;
		}, z.object({ channel: targetArgument, format: formatArgument.default('top'), sections: sectionsArgument, publication: publicationArgument })),
	async *run({ channel, format, sections, publication }, context) {
		const t = translatorFor(context.locale);
		const followed = followedPublication(context, publication);
		if ('answer' in followed) {
			yield* followed.answer;
			return;
		}
		if (followed.choose) {
			yield* choosePublicationToFollow(context, 'subscribe', t);
			return;
		}
		const target = await resolveSubscriptionTarget(context, channel, 'subscribe');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		const existing = await store.getByTarget(resolved.target, followed.publication);
		// A channel has no readers who write to the bot: it reads in its subscriber's language unless one was chosen for it.
		const chosen = await context.languages?.get(resolved.target);
		const locale = chosen ?? resolveLocale(context.locale);
		if (context.languages && !chosen && resolved.target.chatId !== context.chat.id) await context.languages.set(resolved.target, locale);
		const { subscription, created } = await store.subscribe({
			...resolved.target,
			kind: resolved.kind,
			...(resolved.communityId ? { communityId: resolved.communityId } : {}),
			format,
			sections,
			createdBy: context.user.id,
			locale,
			publication: followed.publication,
		});
		const changed = !created && existing?.status === 'active' && (existing.format !== format || String(existing.sections ?? []) !== String(sections));
		const current = changed ? ((await store.update(subscription.id, { format, sections })) ?? subscription) : subscription;
		const where = capitalise(chatLabel(resolved.label, t));
		const what = describeFormat(current.format, t);
		const outcome = created ? 'subscribe-created' : changed ? 'subscribe-updated' : 'subscribe-unchanged';
		const arrives =
			current.sections && current.sections.length > 0 ? t.text('subscribe-arrives-from', { what, sections: t.list(current.sections) }) : t.text('subscribe-arrives', { what });
		const from = followed.name ? `${followed.name}: ` : '';
		yield { type: 'paragraph', spans: [{ text: `${from}${t.text(outcome, { where })} ${arrives}` }] };
		yield { type: 'paragraph', spans: t.spans('subscribe-hint') };
	},
});

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
