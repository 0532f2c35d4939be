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

/** Fields absent from an edit stay as they were, as on Discord. */
export function editMessage(message: FakeMessage, data: Record<string, unknown>): void {
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
