import type { Message } from 'grammy/types';

/** Where `/ask` answers in a group (`ASK_IN_GROUPS`): only to the asker, or to the whole chat. */
export type AskInGroups = 'private' | 'public';

/**
 * Commands whose answer concerns only the reader who sent them, so that in a group it is an
 * ephemeral message only they see (Bot API 10.2, `ephemeral_message_parameters`) instead of a post
 * the whole group scrolls past:
 * - `/ask`: a reader's own question, and a long answer (unless `ASK_IN_GROUPS=public`);
 * - `/since`: "what did I miss" reads the reader's own memory of the last issue they saw, so the
 *   same command gives each member a different answer.
 * Everything else stays public: issues and stories are what a group shares, and a chat's settings
 * and subscriptions (`/settings`, `/subscribe`) concern every member, so the group should see them
 * change. Live answers (`/status`) stay public too, as an ephemeral message cannot be edited reliably.
 */
const readerOnly = new Set(['ask', 'since']);

/**
 * The member who alone should see the answer to this command, or undefined for an answer to the
 * chat: only in groups, only for a command in {@link readerOnly}, and only for a message a person
 * sent — a channel post, or a group's anonymous admin writing as the group (`sender_chat`), has no
 * reader to show it to.
 */
export function answerReceiver(command: string | undefined, message: Message, askInGroups: AskInGroups): number | undefined {
	if (command === undefined || !readerOnly.has(command)) return undefined;
	if (command === 'ask' && askInGroups === 'public') return undefined;
	if (message.chat.type !== 'group' && message.chat.type !== 'supergroup') return undefined;
	if (message.sender_chat !== undefined || message.from === undefined || message.from.is_bot) return undefined;
	return message.from.id;
}
