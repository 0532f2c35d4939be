import type { Translator } from './translator.js';

/**
 * The labels adapters give the chat a command was sent in ("this chat", "this group" …). The
 * core words them in the reader's language (catalogue keys `this-chat`, `this-group` …).
 */
export const currentChatLabels = ['this chat', 'this topic', 'this channel', 'this group', 'this DM', 'this conversation'] as const;

/** A target's label for a reader: "this group" in their language, names ("#news") as they are. */
export function chatLabel(label: string, t: Translator): string {
	return (currentChatLabels as readonly string[]).includes(label) ? t.text(label.replace(' ', '-').toLowerCase()) : label;
}
