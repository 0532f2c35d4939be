import type { Api, Context } from 'grammy';
import type { Chat, ChatMember } from 'grammy/types';
import type { ChatAccess, ResolvedTarget, TargetResolution } from '../../src/command/chat-access.js';
import type { CannotPostReason } from '../../src/content/failure-codes.js';
import type { ChatRef } from '../../src/command/command.js';
import { failure } from '../../src/i18n/failures.js';
import { commandMessage } from './telegram-context.js';

/**
 * How a Telegram chat is named: a public username ("@digest_news"; "#digest_news" is read the
 * same way) or a numeric chat id (negative for groups and channels).
 * https://core.telegram.org/bots/api#getchat
 */
const telegramChatReference = /^(?:@[A-Za-z0-9_]{4,32}|#[\p{L}\p{N}_-]{1,100}|-?\d{5,20})$/u;

type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: CannotPostReason };

/**
 * Answers, for one update, which chat a subscription command means and whether its sender may
 * manage it. Telegram's rules (https://core.telegram.org/bots/api#getchatmember):
 * - a private chat belongs to its reader: no check;
 * - in a group only administrators may, and an anonymous administrator posts *as the group*
 *   (`sender_chat` is the group itself), which counts as an administrator;
 * - in a forum the subscription is the topic the command was sent in;
 * - only administrators can post in a channel, so a command posted there is an admin's; a
 *   button under a channel post can be pressed by any reader, so the presser is checked;
 * - `/subscribe @channel` from a private chat checks that the sender administers that channel.
 * When subscribing, the bot must also be able to post there, and is told exactly why not.
 */
export function createTelegramChatAccess(ctx: Context, chat: ChatRef): ChatAccess {
	const api = ctx.api;
	const userId = ctx.from?.id;
	const botId = ctx.me.id;
	return {
		isChatReference: (text) => telegramChatReference.test(text),
		listScope: () => ({ platform: 'telegram', chatId: chat.id }),
		async resolveTarget(reference, purpose): Promise<TargetResolution> {
			if (reference) return resolveNamedChat(api, reference, userId, botId, purpose === 'manage' ? 'manage' : 'subscribe');
			const here = hereTarget(chat);
			if (chat.kind !== 'private' && !(await sentByChatAdmin(ctx, chat))) return { ok: false, failure: failure('not-admin', { where: here.label }) };
			if (purpose !== 'manage' && chat.kind !== 'private') {
				const verdict = await botCanPost(api, chat.id, chat.kind, botId);
				if (!verdict.ok) return { ok: false, failure: failure('cannot-post', { where: here.label, reason: verdict.reason }) };
			}
			return { ok: true, resolved: here };
		},
	};
}

function hereTarget(chat: ChatRef): ResolvedTarget {
	const label = chat.kind === 'private' ? 'this chat' : chat.threadId ? 'this topic' : chat.kind === 'channel' ? 'this channel' : 'this group';
	return { target: { platform: 'telegram', chatId: chat.id, threadId: chat.threadId }, kind: chat.kind, label };
}

/**
 * A message sent *as the chat* is an admin's: an anonymous group admin, or a channel post.
 * Anything else (a member's message, a button press, which has no message of its own) is
 * checked with `getChatMember`.
 */
async function sentByChatAdmin(ctx: Context, chat: ChatRef): Promise<boolean> {
	const message = commandMessage(ctx);
	if (message?.sender_chat?.id === Number(chat.id) || (chat.kind === 'channel' && ctx.channelPost !== undefined)) return true;
	if (!ctx.from) return false;
	return isAdmin(await memberOrUndefined(ctx.api, chat.id, ctx.from.id));
}

async function resolveNamedChat(api: Api, reference: string, userId: number | undefined, botId: number, purpose: 'subscribe' | 'manage'): Promise<TargetResolution> {
	let target: Chat;
	try {
		target = await api.getChat(reference.replace(/^#/, '@'));
	} catch {
		return { ok: false, failure: failure('target-not-found', { reference }) };
	}
	if (target.type === 'private') return { ok: false, failure: failure('target-not-found', { reference }) };
	const label = 'username' in target && target.username ? `@${target.username}` : 'title' in target ? `“${target.title}”` : reference;
	const kind = target.type === 'channel' ? 'channel' : 'group';
	const sender = userId === undefined ? undefined : await memberOrUndefined(api, String(target.id), userId);
	if (!isAdmin(sender)) {
		// Telegram shows a channel's members only to its administrators. When the bot cannot read
		// the sender's membership, it most likely is not an admin there yet: telling the admin who
		// is setting it up "only administrators may" would send them the wrong way.
		if (sender === undefined && userId !== undefined && purpose === 'subscribe') {
			const verdict = await botCanPost(api, String(target.id), kind, botId);
			if (!verdict.ok) return { ok: false, failure: failure('cannot-post', { where: label, reason: verdict.reason }) };
		}
		return { ok: false, failure: failure('not-admin', { where: label }) };
	}
	if (purpose === 'subscribe') {
		const verdict = await botCanPost(api, String(target.id), kind, botId);
		if (!verdict.ok) return { ok: false, failure: failure('cannot-post', { where: label, reason: verdict.reason }) };
	}
	return { ok: true, resolved: { target: { platform: 'telegram', chatId: String(target.id) }, kind, label } };
}

/** A channel needs the bot as an administrator with `can_post_messages`; a group, a member not muted. */
async function botCanPost(api: Api, chatId: string, kind: ChatRef['kind'], botId: number): Promise<Verdict> {
	const member = await memberOrUndefined(api, chatId, botId);
	if (!member || member.status === 'left' || member.status === 'kicked') return { ok: false, reason: 'not-member' };
	if (kind === 'channel') {
		if (member.status !== 'administrator' && member.status !== 'creator') return { ok: false, reason: 'not-channel-admin' };
		if (member.status === 'administrator' && !member.can_post_messages) return { ok: false, reason: 'no-post-right' };
		return { ok: true };
	}
	if (member.status === 'restricted' && !member.can_send_messages) return { ok: false, reason: 'muted' };
	return { ok: true };
}

function isAdmin(member: ChatMember | undefined): boolean {
	return member?.status === 'creator' || member?.status === 'administrator';
}

async function memberOrUndefined(api: Api, chatId: string, userId: number): Promise<ChatMember | undefined> {
	try {
		return await api.getChatMember(chatId, userId);
	} catch {
		return undefined;
	}
}
