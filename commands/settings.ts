import { z } from 'zod';
import { defineCommand } from '../src/command/command.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import { failure } from '../src/i18n/failures.js';
import { isSupportedLanguage, resolveLocale } from '../src/i18n/locale.js';
import { translatorFor } from '../src/i18n/translator.js';
import { subscriptionFormats } from '../src/subscriptions/subscription.js';
import { setDeliveryTime } from './delivery-time.js';
import { parseSectionTagsChoice, setSectionTags } from './section-tags.js';
import { describeFormat, resolveSubscriptionTarget, sectionsArgument, targetArgument } from './subscription-context.js';
import { isFailure } from './resolve-issue.js';
import { chooseSubscriptionToChange, followedPublication, subscriptionsHere, subscriptionToChange } from './followed-publication.js';
import type { Block } from '../src/content/block.js';
import type { Subscription } from '../src/subscriptions/subscription.js';
import { publicationArgument, publicationOption } from './publication-scope.js';

export default defineCommand({
	name: 'settings',
	description: 'Change what a subscription sends, or the bot’s language',
	usage: '/settings headlines|top|full [sections|all] · /settings language en|ru|zh · /settings at HH:MM Area/City|off · /settings tags on|off',
	audience: 'chat-admins',
	options: [
		{ name: 'format', description: 'what to send: headlines, top or full; or language, at (a time of day), or tags', type: 'string', required: true, maxLength: 10 },
		{ name: 'sections', description: 'sections, comma-separated, or all; after language: en, ru or zh; after at: 08:00 Europe/Paris or off', type: 'string', required: false, rest: true, autocomplete: 'section', maxLength: 200 },
		{ name: 'channel', description: 'subscribed channel (default: this chat)', type: 'channel', required: false, maxLength: 100 },
		publicationOption,
	],
	// Typed, "/settings language zh @channel" puts the channel into the rest of the line: it is moved to where it belongs.
	schema: z.preprocess(
		(raw) => {
			const value = { ...(raw as Record<string, unknown>) };
			if (typeof value.format === 'string') value.format = value.format.toLowerCase();
			// "/settings all tags on" (a chooser's button for the subscription to every publication): `all` is no slug, so the dispatcher leaves it here.
			if (value.format === 'all' && value.publication === undefined && typeof value.sections === 'string' && value.sections.trim() !== '') {
				const [format = '', ...rest] = value.sections.trim().split(/\s+/);
				value.publication = 'all';
				value.format = format.toLowerCase();
				value.sections = rest.length > 0 ? rest.join(' ') : undefined;
			}
			// "/settings tags on #forum" splits the same way: one word, then the channel.
			if ((value.format === 'language' || value.format === 'tags') && typeof value.sections === 'string' && value.channel === undefined) {
				const [tag, ...rest] = value.sections.trim().split(/\s+/);
				value.sections = tag;
				if (rest.length > 0) value.channel = rest.join(' ');
			}
			// "/settings at 08:00 Europe/Berlin @channel" and "/settings at off @channel": the time and zone stay together.
			if (value.format === 'at' && typeof value.sections === 'string' && value.channel === undefined) {
				const words = value.sections.trim().split(/\s+/);
				const kept = /^off$/i.test(words[0] ?? '') || /^[@#<-]|^\d{5,}$/.test(words[1] ?? '') ? 1 : 2;
				value.sections = words.slice(0, kept).join(' ');
				if (words.length > kept) value.channel = words.slice(kept).join(' ');
			}
			return value;
		},
		z.object({
			format: z.enum([...subscriptionFormats, 'language', 'at', 'tags'], { message: 'argument-one-of' }),
			sections: sectionsArgument,
			channel: targetArgument,
			publication: publicationArgument,
		}),
	),
	async *run({ format, sections, channel, publication }, context) {
		const t = translatorFor(context.locale);
		const followed = publication === undefined ? {} : followedPublication(context, publication);
		if ('answer' in followed) {
			yield* followed.answer;
			return;
		}
		if (followed.choose) return;
		const named = publication !== undefined;
		const tagsChoice = format === 'tags' ? parseSectionTagsChoice(sections[0]) : undefined;
		// Turning tags on also checks that the bot may create them where it posts.
		const target = await resolveSubscriptionTarget(context, channel, tagsChoice === true ? 'section-tags' : 'manage');
		if (isFailure(target)) {
			yield target;
			return;
		}
		const { store, resolved } = target;
		if (format === 'language') {
			// "/settings language ru": the chat's choice, which wins over each reader's client language.
			const [tag = ''] = sections;
			if (!isSupportedLanguage(tag) || !context.languages) {
				yield failure('unsupported-language', { language: tag.slice(0, 20) }, t.locale);
				return;
			}
			const locale = resolveLocale(tag);
			await context.languages.set(resolved.target, locale);
			// The posts a subscription receives follow the chat's choice too.
			const here = await store.listFor({ platform: resolved.target.platform, chatId: resolved.target.chatId });
			for (const subscribed of here.filter((subscription) => subscription.threadId === resolved.target.threadId)) await store.update(subscribed.id, { locale });
			const chosen = translatorFor(locale);
			yield { type: 'paragraph', spans: chosen.spans('settings-language-saved', { where: chatLabel(resolved.label, chosen) }) };
			return;
		}
		const find = (): Promise<Subscription | undefined> => subscriptionToChange(store, resolved.target, followed, named);
		// Several subscriptions here and none named: which one is asked, never guessed (see `unclear`).
		const unclear = async (again: readonly string[], strict: boolean): Promise<Block[] | undefined> => {
			if (named || !context.publications.several()) return undefined;
			const here = await subscriptionsHere(store, resolved.target);
			if (here.length < 2 || (!strict && (await find()))) return undefined;
			return chooseSubscriptionToChange(context, here, again, chatLabel(resolved.label, t), t);
		};
		const onChannel = channel === undefined ? [] : [channel];
		if (format === 'tags') {
			// Tags belong to where posts go, not to a default: with several subscriptions here the reader says which.
			const choose = tagsChoice === undefined ? undefined : await unclear(['tags', tagsChoice ? 'on' : 'off', ...onChannel], true);
			if (choose) {
				yield* choose;
				return;
			}
			yield* setSectionTags(tagsChoice, '/settings tags on|off', store, resolved, t, find);
			return;
		}
		if (format === 'at') {
			const choose = await unclear(['at', ...sections, ...onChannel], false);
			if (choose) {
				yield* choose;
				return;
			}
			yield* setDeliveryTime(sections.join(' '), store, resolved, t, find);
			return;
		}
		// Sections take the rest of a typed line, so a button cannot carry a channel after them: with a channel named, no chooser.
		const choose = channel === undefined ? await unclear([format, ...(sections.length > 0 ? [sections.join(', ')] : [])], false) : undefined;
		if (choose) {
			yield* choose;
			return;
		}
		const existing = await find();
		const updated = existing?.status === 'active' ? await store.update(existing.id, { format, sections }) : undefined;
		if (!updated) {
			yield failure('not-subscribed', { where: resolved.label }, t.locale);
			return;
		}
		const where = chatLabel(resolved.label, t);
		const what = describeFormat(format, t);
		const saved = sections.length > 0 ? t.text('settings-saved', { where, what, sections: t.list(sections) }) : t.text('settings-saved-all', { where, what });
		yield { type: 'paragraph', spans: [{ text: saved }] };
	},
});
