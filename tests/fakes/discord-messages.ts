/** Messages as the fake Discord keeps them, and how a create or an edit changes them. */

import { snowflake } from './discord-payloads.js';

/** A message as the fake holds it. `deleted` messages stay so tests can see they were removed. */
export interface FakeMessage {
	readonly id: string;
	readonly channelId: string;
	content: string;
	embeds: Record<string, unknown>[];
	components: Record<string, unknown>[];
	flags: number;
	edits: number;
	/** Every edit as it landed: when, and what the message then read. */
	readonly history: { readonly at: number; readonly content: string; readonly components: Record<string, unknown>[] }[];
	deleted: boolean;
}

export function createMessage(channelId: string, data: Record<string, unknown>): FakeMessage {
	return {
		id: snowflake(),
		channelId,
		content: typeof data.content === 'string' ? data.content : '',
		embeds: Array.isArray(data.embeds) ? (data.embeds as Record<string, unknown>[]) : [],
		components: Array.isArray(data.components) ? (data.components as Record<string, unknown>[]) : [],
		flags: typeof data.flags === 'number' ? data.flags : 0,
		edits: 0,
		history: [],
		deleted: false,
	};
}

/**
 * The flag Discord sets on a deferred interaction response ("Thinking…"). Its first edit is the
 * message's real start: it may set IS_COMPONENTS_V2 then (Discord keeps no other flag of a
 * deferral than Ephemeral), which it may never do to a message once shown.
 */
export const loadingFlag = 1 << 7;
const ephemeralFlag = 1 << 6;

/** Fields absent from an edit stay as they were, as on Discord. */
export function editMessage(message: FakeMessage, data: Record<string, unknown>): void {
	if ((message.flags & loadingFlag) !== 0) message.flags = (message.flags & ephemeralFlag) | (typeof data.flags === 'number' ? data.flags & ~ephemeralFlag : 0);
	if (typeof data.content === 'string') message.content = data.content;
	if (Array.isArray(data.embeds)) message.embeds = data.embeds as Record<string, unknown>[];
	if (Array.isArray(data.components)) message.components = data.components as Record<string, unknown>[];
	message.edits += 1;
	message.history.push({ at: Date.now(), content: message.content, components: message.components });
}

/** The custom ids of the buttons under a message. */
export function buttonIds(message: FakeMessage | undefined): string[] {
	return (message?.components ?? []).flatMap((row) => ((row.components as { custom_id?: string }[] | undefined) ?? []).flatMap((button) => (button.custom_id ? [button.custom_id] : [])));
}

/** Every component of a message, nested ones and section accessories included, depth first. */
export function allComponents(components: readonly object[]): Record<string, unknown>[] {
	return (components as readonly Record<string, unknown>[]).flatMap((component) => {
		const children = Array.isArray(component.components) ? (component.components as Record<string, unknown>[]) : [];
		const accessory = component.accessory ? [component.accessory as Record<string, unknown>] : [];
		return [component, ...allComponents(children), ...accessory];
	});
}

/** The text a Components V2 message shows: its text displays, in order. */
export function cardText(message: { readonly components: readonly object[] } | undefined): string {
	return allComponents(message?.components ?? [])
		.flatMap((component) => (component.type === 10 && typeof component.content === 'string' ? [component.content] : []))
		.join('\n');
}

/** The buttons anywhere in a message (rows, containers, section accessories): label and custom id. */
export function allButtons(message: { readonly components: readonly object[] } | undefined): { label: string; customId: string }[] {
	return allComponents(message?.components ?? []).flatMap((component) => (component.type === 2 && typeof component.custom_id === 'string' ? [{ label: String(component.label ?? ''), customId: component.custom_id }] : []));
}
