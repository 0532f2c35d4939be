import { GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { InlineQueryResultArticle, InputMessageContent, Message } from 'grammy/types';
import type { ParagraphBlock, Reply, ReplyPart } from '../../src/content/block.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import type { Logger } from '../../src/logger.js';
import { partsUntilStopped } from '../reply/answer-stops.js';
import { readGuestRequest, withoutMention, type GuestRequest } from './guest-request.js';
import { storyDeepLink } from './inline-query.js';
import { richInlineContent, textInlineContent } from './inline-message-content.js';
import { isMethodNotFound, type RichSupport } from './rich/rich-support.js';
import { chatRefOf, userRefOf } from './telegram-context.js';
import { describeTelegramError } from './telegram-errors.js';
import type { TelegramText } from './telegram-text.js';

export interface GuestQueryDeps {
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	/** Whether to answer with rich content; told when the server turns out to lack the methods. Absent: text only. */
	readonly richSupport?: RichSupport;
	/** How long an answer may be written before it is cut and sent with what it has ({@link defaultGuestAnswerMs}). */
	readonly answerWithinMs?: number;
}

/**
 * How long a guest answer may take. A guest query is answered once and the reader sees nothing
 * until then (no typing, no drafts: the bot is no member of the chat), so a slow /ask is stopped
 * here and answered with what it has written rather than left to expire.
 */
export const defaultGuestAnswerMs = 20_000;

/**
 * Answers a guest query (Bot API 10.0): a reader wrote `@yourbot what did Qwen release?` or
 * `@yourbot story 3` in a chat the bot is not a member of, and the answer goes into that chat
 * through `answerGuestQuery`, as one inline message. It is rich content while the server speaks
 * rich messages, else text with entities; an answer longer than one message is cut to its first
 * and the "Open in the bot" button leads to the rest. A refused answer is logged, not thrown.
 * https://core.telegram.org/bots/api#answerguestquery
 */
export async function handleGuestQuery(ctx: Context, deps: GuestQueryDeps): Promise<void> {
	const message = ctx.guestMessage;
	if (!message) return;
	const username = ctx.me.username;
	const written = message.text ?? message.caption ?? '';
	const request = readGuestRequest(written, username, deps.dispatcher);
	const { parts, t } = await answerParts(ctx, message, request, deps);
	const title = withoutMention(written, username) || ctx.me.first_name;
	const link = storyLinkIn(parts, username) ?? `https://t.me/${username}`;
	const article = (content: InputMessageContent): InlineQueryResultArticle => ({
		type: 'article',
		id: `guest-${request.kind === 'run' ? request.invocation.name : request.kind}`,
		title: title.slice(0, 256),
		input_message_content: content,
		reply_markup: new InlineKeyboard().url(t.text('button-open-in-bot'), link),
	});
	await answerOnce(ctx, parts, article, deps);
}

/** The parts to answer with: the command's final view, or a hint in the reader's language. */
async function answerParts(ctx: Context, message: Message, request: GuestRequest, deps: GuestQueryDeps): Promise<{ parts: ReplyPart[]; t: Translator }> {
	const readerT = translatorFor(ctx.from?.language_code);
	const bot = `@${ctx.me.username}`;
	if (request.kind === 'hint') return { parts: [note(readerT.spans('guest-hint', { bot }))], t: readerT };
	if (request.kind === 'unavailable') return { parts: [note(readerT.spans('guest-unavailable', { command: request.command, bot }))], t: readerT };
	// The chat the query came from, for the command's answer; the bot is no member, so it has no answers about that chat (`access`).
	const origin = { chat: chatRefOf(message), user: userRefOf(ctx), locale: ctx.from?.language_code };
	const signal = AbortSignal.timeout(deps.answerWithinMs ?? defaultGuestAnswerMs);
	const answer = deps.dispatcher.prepare(request.invocation).run(origin, signal);
	const parts = await finalView(partsUntilStopped(answer.reply, signal));
	// Buttons alone show nothing in an inline message (see inline-message-content.ts).
	const shows = parts.some((part) => part.type !== 'actions');
	return { parts: shows ? parts : [note(readerT.spans('answer-empty'))], t: translatorFor(await answer.locale) };
}

function note(spans: ParagraphBlock['spans']): ParagraphBlock {
	return { type: 'paragraph', spans };
}

/** A live answer (`/status`) is views ended by frames; an inline message cannot be edited from here, so it shows the last one. */
async function finalView(reply: Reply): Promise<ReplyPart[]> {
	let last: ReplyPart[] = [];
	let current: ReplyPart[] = [];
	for await (const part of reply) {
		if (part.type !== 'frame') current.push(part);
		else [last, current] = [current, []];
	}
	return current.length > 0 ? current : last;
}

/** The deep link of the first story the answer shows, so "Open in the bot" continues where the reader is. */
function storyLinkIn(parts: readonly ReplyPart[], username: string): string | undefined {
	for (const part of parts) if (part.type === 'card' && part.story) return storyDeepLink(username, part.story.issueId, part.story.number);
	return undefined;
}

/**
 * One answer, never two: rich first when the server may speak it, then — only if the rich form
 * was refused (400), which answers nothing — the same answer as text. A server without the
 * method (404) has no guest mode at all; that is remembered and nothing more is tried.
 */
async function answerOnce(ctx: Context, parts: readonly ReplyPart[], article: (content: InputMessageContent) => InlineQueryResultArticle, deps: GuestQueryDeps): Promise<void> {
	const rich = deps.richSupport?.enabled ? richInlineContent(parts) : undefined;
	if (rich) {
		try {
			await ctx.answerGuestQuery(article(rich.content));
			deps.richSupport?.noteAccepted();
			return;
		} catch (error) {
			if (deps.richSupport?.noteRefusal(error) || !(error instanceof GrammyError && error.error_code === 400)) return reportRefusal(deps, error);
			deps.log.info({ err: describeTelegramError(error) }, 'telegram: a guest answer was refused as rich content; answering as text');
		}
	}
	const text = textInlineContent(parts);
	if (!text) return;
	try {
		await ctx.answerGuestQuery(article(text.content));
	} catch (error) {
		deps.richSupport?.noteRefusal(error);
		reportRefusal(deps, error);
	}
}

/** A short notice (the flood limit's) as a guest query's one answer: text, which every server with guest mode takes. */
export function answerGuestWithText(ctx: Context, notice: TelegramText): Promise<unknown> {
	return ctx.answerGuestQuery({
		type: 'article',
		id: 'guest-notice',
		title: ctx.me.first_name,
		input_message_content: { message_text: notice.text, entities: [...notice.entities] },
	});
}

function reportRefusal(deps: GuestQueryDeps, error: unknown): void {
	if (isMethodNotFound(error)) deps.log.info({ err: describeTelegramError(error) }, 'telegram: the Bot API server has no guest mode (answerGuestQuery not found)');
	else deps.log.warn({ err: describeTelegramError(error) }, 'telegram: a guest query could not be answered');
}
