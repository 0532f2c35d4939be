import type { APIComponentInContainer, APIContainerComponent } from 'discord.js';
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
 * The card with `child` added as the last component of its last container, or undefined when that
 * would break one of Discord's limits. How a finished card gains a last word (the note that an
 * answer was cut, a streaming answer's Stop button) without being packed again.
 */
export function appendToCard(message: V2Message, child: APIComponentInContainer): V2Message | undefined {
	const last = message.components.at(-1);
	if (!last || last.components.length >= componentsV2Limits.containerChildren) return undefined;
	const before = usage(message.components);
	const added = usage([child]);
	if (before.components + added.components > componentsV2Limits.components || before.text + added.text > componentsV2Limits.text) return undefined;
	const container: APIContainerComponent = { ...last, components: [...last.components, child] };
	return { ...message, components: [...message.components.slice(0, -1), container] };
}
