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

/** What a button press needs: the dispatcher runs it with the press's origin, as it runs a typed command. */
export interface CallbackHandlerDeps {
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	readonly nextDraftId: () => number;
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
	const rendered = renderReply(blocks);
	const [only] = rendered.parts;
	if (rendered.parts.length === 1 && only) {
		const keyboard = buildKeyboard(rendered.actionRows);
		try {
			await ctx.api.editMessageText(message.chat.id, message.message_id, only.text, {
				entities: [...only.entities],
				link_preview_options: { is_disabled: true },
				...(keyboard ? { reply_markup: keyboard } : {}),
			});
			return;
		} catch (error) {
			// Pressing the button of the story already shown changes nothing; Telegram says so.
			if (error instanceof GrammyError && error.description.includes('message is not modified')) return;
			// Old messages (48 h+) cannot be edited: fall through and send the answer anew.
			if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
		}
	}
	await streamReply({ api: ctx.api, target: { chat }, reply: replay(blocks), draftId: deps.nextDraftId(), log: deps.log });
}

async function* replay(blocks: readonly Block[]): AsyncIterable<Block> {
	yield* blocks;
}
