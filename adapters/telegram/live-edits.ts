import type { Api, InlineKeyboard } from 'grammy';
import type { ReplyPart } from '../../src/content/block.js';
import type { Logger } from '../../src/logger.js';
import { LatestPacer } from '../latest-pacer.js';
import { buildKeyboard } from './callback-data.js';
import { linkCitations } from './citation-links.js';
import { describeTelegramError } from './telegram-errors.js';
import { telegramPartDigest } from './telegram-post-edit.js';
import { ReplyPacker } from './telegram-renderer.js';
import type { TelegramText } from './telegram-text.js';

/**
 * At most one edit of a live answer per 3 s: Telegram allows about 20 messages a minute in a
 * group (edits included) and answers faster editing with 429.
 * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */
export const liveEditIntervalMs = 3_000;

export interface LiveEditOptions {
	readonly api: Api;
	readonly chatId: number;
	/** The message that shows the first view, edited with each later one. */
	readonly messageId: number;
	/** What that message reads now (its text and buttons), so that an unchanged view is no edit. */
	readonly shown: { readonly text: TelegramText; readonly keyboard?: InlineKeyboard | undefined };
	readonly views: AsyncIterable<readonly ReplyPart[]>;
	readonly intervalMs: number;
	readonly botUsername?: string;
	readonly log?: Logger;
}

interface RenderedView {
	readonly text: string;
	readonly options: Parameters<Api['editMessageText']>[3];
	readonly key: string;
}

/** A view as its message reads: the first message of it (a live view fits in one). */
function renderView(view: readonly ReplyPart[], botUsername: string | undefined): RenderedView | undefined {
	const packer = new ReplyPacker();
	for (const part of view) packer.add(botUsername ? linkCitations(part, botUsername) : part);
	const rendered = packer.result();
	const first = rendered.parts[0];
	if (!first) return undefined;
	const keyboard = rendered.parts.length === 1 ? buildKeyboard(rendered.actionRows) : undefined;
	const options = { entities: [...first.entities], link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) };
	return { text: first.text, options, key: telegramPartDigest(first, keyboard) };
}

/**
 * Edits the first message of a live answer with each later view (see `FrameEnd`), paced to one
 * edit per interval with the latest view always edited last, and never with what the message
 * already reads (Telegram refuses an edit that changes nothing). A failed edit is logged: the
 * reader keeps the last view that got through.
 */
export async function editLiveViews(options: LiveEditOptions): Promise<void> {
	const { api, chatId, messageId, log } = options;
	let onScreen = telegramPartDigest(options.shown.text, options.shown.keyboard);
	const pacer = new LatestPacer<RenderedView>(
		options.intervalMs,
		async (view) => {
			if (view.key === onScreen) return;
			await api.editMessageText(chatId, messageId, view.text, view.options);
			onScreen = view.key;
		},
		(error) => log?.warn({ chatId, messageId, err: describeTelegramError(error) }, 'telegram: live answer edit failed'),
	);
	for await (const view of options.views) {
		const rendered = renderView(view, options.botUsername);
		if (rendered) pacer.push(rendered);
	}
	await pacer.flush();
}
