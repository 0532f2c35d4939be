import type { CommandContext } from '../src/command/command.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';
import type { Subscription, SubscriptionTarget } from '../src/subscriptions/subscription.js';
import type { Block } from '../src/content/block.js';
import { failure } from '../src/i18n/failures.js';
import type { Translator } from '../src/i18n/translator.js';

/** What `/subscribe` and `/unsubscribe` act on. */
export type FollowedPublication =
	/** `publication`: what the subscription stores (a slug, `*` for all, undefined for the default one); `name` when the answer should say it. */
	| { readonly publication?: string; readonly name?: string; readonly choose?: false }
	/** Several publications and none named: the reader chooses. */
	| { readonly choose: true }
	| { readonly answer: readonly Block[] };

/**
 * The publication a subscription command names, as the subscription stores it. The default
 * publication is stored as no publication at all, which is what every subscription made
 * before publications is, so with one publication `/subscribe` writes exactly what it did.
 */
export function followedPublication(context: Pick<CommandContext, 'publications'>, named: string | undefined): FollowedPublication {
	const catalogue = context.publications;
	if (named === undefined) return catalogue.several() ? { choose: true } : {};
	if (named.toLowerCase() === 'all') return catalogue.several() ? { publication: '*', name: undefined } : {};
	const found = catalogue.find(named);
	if (!found) return { answer: [failure('publication-not-found', { name: named.slice(0, 40), publications: catalogue.list().map((publication) => publication.slug) })] };
	const name = catalogue.several() ? found.name : undefined;
	return found.slug === catalogue.defaultSlug() ? { name } : { publication: found.slug, name };
}

/** The chooser of `/subscribe` with several publications: one button each, and one for all of them. */
export function* choosePublicationToFollow(context: Pick<CommandContext, 'publications'>, command: string, t: Translator): Generator<Block> {
	const choices = context.publications.list().slice(0, 9);
	yield { type: 'paragraph', spans: t.spans('publication-choose', { command, example: choices[0]?.slug ?? 'all' }) };
	yield { type: 'actions', actions: [...choices.map((publication) => ({ label: publication.name, command, args: [publication.slug] })), { label: t.text('publications-all'), command, args: ['all'] }] };
}

/**
 * The subscription `/settings` changes: the one to the publication named; with none named, the
 * target's default (or all) one, else its only one, so a chat that follows just `rust` need not
 * name it. Undefined when that leaves no single subscription.
 */
export async function subscriptionToChange(store: SubscriptionStore, target: SubscriptionTarget, followed: { readonly publication?: string }, named: boolean): Promise<Subscription | undefined> {
	const direct = await store.getByTarget(target, followed.publication);
	if (direct || named) return direct;
	const all = await store.getByTarget(target, '*');
	if (all) return all;
	const here = (await store.listFor({ platform: target.platform, chatId: target.chatId })).filter((subscription) => subscription.threadId === target.threadId);
	return here.length === 1 ? here[0] : undefined;
}

/** The active subscriptions of exactly this target (its thread, not the whole chat's). */
export async function subscriptionsHere(store: SubscriptionStore, target: SubscriptionTarget): Promise<Subscription[]> {
	const here = await store.listFor({ platform: target.platform, chatId: target.chatId });
	return here.filter((subscription) => subscription.threadId === target.threadId && subscription.status === 'active');
}

/**
 * `/settings` where the target follows several publications and none was named: rather than
 * change one the reader did not mean, ask which. Each button runs `/settings` again with one
 * subscription's publication first (`again` is the rest of what the reader typed), which the
 * dispatcher reads as the publication; `all` for the subscription to every publication.
 */
export function chooseSubscriptionToChange(context: Pick<CommandContext, 'publications'>, subscriptions: readonly Subscription[], again: readonly string[], where: string, t: Translator): Block[] {
	const catalogue = context.publications;
	const choices = subscriptions.slice(0, 10).map((subscription) => {
		const slug = subscription.publication ?? catalogue.defaultSlug();
		return slug === '*' ? { label: t.text('publications-all'), word: 'all' } : { label: catalogue.nameOf(slug), word: slug };
	});
	return [
		{ type: 'paragraph', spans: t.spans('settings-which-subscription', { where, example: [choices[0]?.word ?? 'all', ...again].join(' ') }) },
		{ type: 'actions', actions: choices.map((choice) => ({ label: choice.label, command: 'settings', args: [choice.word, ...again] })) },
	];
}
