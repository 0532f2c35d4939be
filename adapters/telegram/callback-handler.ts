import { completeBlocks } from '../../src/content/assemble-blocks.js';
import { GrammyError, type Context } from 'grammy';
import type { Block } from '../../src/content/block.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { buildKeyboard, decodeAction } from './callback-data.js';
import { streamReply } from './reply-streamer.js';
import { chatRefOf } from './telegram-context.js';
import { originOf } from './telegram-origin.js';
import { renderReply } from './telegram-renderer.js';
import { RichReplyPacker } from './rich/rich-reply-packer.js';
import { packOrUndefined, streamRichReply } from './rich/rich-reply-streamer.js';
import type { RichSupport } from './rich/rich-support.js';

/** What a button press needs: the dispatcher runs it with the press's origin, as it runs a typed command. */
export interface CallbackHandlerDeps {
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	readonly nextDraftId: () => number;
	/** Whether answers go as rich messages (Bot API 10.1); absent: the entity form only. */
	readonly richSupport?: RichSupport;
}

/**
 * Answers a button press. The callback is answered first, so the client's spinner stops at
 * once; then the target replaces the message the button was on (previous/next reads like
 * turning a page). An answer that needs more than one message is sent as new messages.
 * https://core.telegram.org/bots/api#answercallbackquery
 */
export async function handleCallbackQuery(ctx: Context, deps: CallbackHandlerDeps): Promise<void> {
	const query = ctx.callbackQuery;
	const invocation = query?.data ? decodeAction(query.data) : undefined;
	const message = query?.message;
	if (!invocation || !message) {
		await ctx.answerCallbackQuery({ text: translatorFor(ctx.from?.language_code).text('button-expired') });
		return;
	}
	await ctx.answerCallbackQuery();
	const chat = chatRefOf(message);
	const blocks: Block[] = [];
	for await (const block of completeBlocks(deps.dispatcher.run(invocation, originOf(ctx, chat)))) blocks.push(block);
	// A button under an answer only its reader sees (`/ask` in a group) answers that reader alone, anew:
	// an ephemeral message has no message id to edit in place.
	const receiverUserId = 'receiver_user' in message && message.receiver_user ? ctx.from?.id : undefined;
	if (receiverUserId === undefined && deps.richSupport?.enabled === true && (await replaceRich(ctx, message, blocks, deps.richSupport))) return;
	const rendered = renderReply(blocks);
	const [only] = rendered.parts;
	if (receiverUserId === undefined && deps.richSupport?.enabled !== true && rendered.parts.length === 1 && only) {
		const keyboard = buildKeyboard(rendered.actionRows);
		try {
			await ctx.api.editMessageText(message.chat.id, message.message_id, only.text, {
				entities: [...only.entities],
				link_preview_options: { is_disabled: true },
				...(keyboard ? { reply_markup: keyboard } : {}),
			});
			return;
		} catch (error) {
			if (!sendAnew(error)) return;
		}
	}
	const options = { api: ctx.api, target: { chat }, reply: replay(blocks), draftId: deps.nextDraftId(), log: deps.log, botUsername: ctx.me.username, receiverUserId };
	if (deps.richSupport?.enabled === true) await streamRichReply({ ...options, richSupport: deps.richSupport });
	else await streamReply(options);
}

/**
 * Replaces the pressed message with the answer as one rich message (`editMessageText` with
 * `rich_message`). True when done (or when the answer is what the message already shows); false
 * when the answer must be sent anew: it takes several messages, or the message is too old to edit,
 * or the server lacks rich methods (noted, so the entity form takes over).
 */
async function replaceRich(ctx: Context, message: { chat: { id: number }; message_id: number }, blocks: readonly Block[], support: RichSupport): Promise<boolean> {
	const packer = new RichReplyPacker(ctx.me.username);
	for (const block of blocks) packer.add(block);
	const messages = packOrUndefined(packer);
	const [only] = messages ?? [];
	if (messages?.length !== 1 || !only) return false;
	try {
		await ctx.api.editMessageText(message.chat.id, message.message_id, only.rich, { reply_markup: only.keyboard });
		support.noteAccepted();
		return true;
	} catch (error) {
		if (support.noteRefusal(error)) return false;
		return !sendAnew(error);
	}
}

/** Whether a failed edit should be answered with a new message: not when nothing changed, and never for a failure other than an edit Telegram refuses. */
function sendAnew(error: unknown): boolean {
	// Pressing the button of the story already shown changes nothing; Telegram says so.
	if (error instanceof GrammyError && error.description.includes('message is not modified')) return false;
	// Old messages (48 h+) cannot be edited: the answer is sent anew.
	if (error instanceof GrammyError && error.error_code === 400) return true;
	throw error;
}

async function* replay(blocks: readonly Block[]): AsyncIterable<Block> {
	yield* blocks;
}
