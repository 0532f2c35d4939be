import { ComponentType, type APIComponentInContainer, type APIContainerComponent } from 'discord.js';
import { componentsV2Limits } from './v2-limits.js';
import type { V2Message } from './v2-message.js';

/** What a message has used of its limits, nested components included. */
function usage(components: readonly unknown[]): { components: number; text: number } {
	let count = 0;
	let text = 0;
	for (const component of components) {
		const record = component as { components?: unknown[]; accessory?: unknown; content?: unknown };
		count += 1;
		if (typeof record.content === 'string') text += record.content.length;
		if (record.accessory) count += 1;
		if (record.components) {
			const inner = usage(record.components);
			count += inner.components;
			text += inner.text;
		}
	}
	return { components: count, text };
}

/**
 * The card with `child` added as the last component of its last container (or of a container of
 * its own below, when that one is full), or undefined when that would break one of Discord's
 * limits. How a finished card gains a last word (the note that an answer was cut, a streaming
 * answer's Stop button) without being packed again.
 */
export function appendToCard(message: V2Message, child: APIComponentInContainer): V2Message | undefined {
	const last = message.components.at(-1);
	if (!last) return undefined;
	const inLast = last.components.length < componentsV2Limits.containerChildren;
	if (!inLast && message.components.length >= componentsV2Limits.topLevel) return undefined;
	const before = usage(message.components);
	const added = usage([child]).components + (inLast ? 0 : 1);
	if (before.components + added > componentsV2Limits.components || before.text + usage([child]).text > componentsV2Limits.text) return undefined;
	if (!inLast) return { ...message, components: [...message.components, { ...last, components: [child] }] };
	const container: APIContainerComponent = { ...last, components: [...last.components, child] };
	return { ...message, components: [...message.components.slice(0, -1), container] };
}

/**
 * At most `cap` cards, the last saying `note` when more were dropped (a runaway answer or issue);
 * the note is left out only when the last card is full to a limit. Pack one card more than `cap`
 * to tell a cut from an exact fit.
 */
export function capCards(cards: readonly V2Message[], cap: number, note: string): readonly V2Message[] {
	if (cards.length <= cap) return cards;
	const kept = cards.slice(0, cap);
	const last = kept.at(-1);
	const noted = last ? appendToCard(last, { type: ComponentType.TextDisplay, content: note }) : undefined;
	return noted ? [...kept.slice(0, -1), noted] : kept;
}
