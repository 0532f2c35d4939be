import type { ResolvedTarget } from '../src/command/chat-access.js';
import type { Block } from '../src/content/block.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import { failure } from '../src/i18n/failures.js';
import type { Translator } from '../src/i18n/translator.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';
import type { Subscription } from '../src/subscriptions/subscription.js';

/** "on" / "off" as `/settings tags` takes them; undefined for anything else. */
export function parseSectionTagsChoice(word: string | undefined): boolean | undefined {
	if (word === undefined) return undefined;
	if (/^(on|yes|create)$/i.test(word)) return true;
	if (/^(off|no)$/i.test(word)) return false;
	return undefined;
}

/**
 * `/settings tags on|off`: whether posts may create the section labels their place lacks (a
 * Discord forum's tags). The platform meaning lives in the adapter; here it is one flag of the
 * subscription. The adapter already checked, for `on`, that the bot may create them. `find` is
 * the subscription to change (the one whose publication `/settings` named); by default the
 * target's default one.
 */
export async function* setSectionTags(
	choice: boolean | undefined,
	usage: string,
	store: SubscriptionStore,
	resolved: ResolvedTarget,
	t: Translator,
	find: () => Promise<Subscription | undefined> = () => store.getByTarget(resolved.target),
): AsyncGenerator<Block> {
	if (choice === undefined) {
		yield failure('bad-argument', { usage, problem: t.text('argument-one-of', { values: 'on, off' }) }, t.locale);
		return;
	}
	const existing = await find();
	const updated = existing?.status === 'active' ? await store.update(existing.id, { sectionTags: choice }) : undefined;
	if (!updated) {
		yield failure('not-subscribed', { where: resolved.label }, t.locale);
		return;
	}
	const where = chatLabel(resolved.label, t);
	yield { type: 'paragraph', spans: t.spans(choice ? 'settings-tags-on' : 'settings-tags-off', { where }) };
}
