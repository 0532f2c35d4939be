import { z } from 'zod';

/**
 * One run of inline text with its marks. Flat on purpose: Telegram entities, Discord
 * Markdown and plain text all render flat runs easily, and a flat run can be split at any
 * character without leaving a mark half-open.
 */
export const spanSchema = z.object({
	text: z.string(),
	bold: z.boolean().optional(),
	italic: z.boolean().optional(),
	code: z.boolean().optional(),
	/** Absolute http(s) URL; renderers turn the run into a link. */
	href: z.string().optional(),
	/** The source number this run cites, when it is a citation mark such as the 7 in "[7, 8]". */
	cite: z.number().int().optional(),
	/** A command this run stands for, e.g. `/story 3 2026-03-03` behind an answer's citation `[2026-03-03 · 3]`. */
	command: z.string().optional(),
	/**
	 * The chat this run names. Each platform names a chat its own way (a Discord channel mention
	 * `<#id>` opens the channel), so content names it neutrally and the adapter of that platform
	 * renders it; every other renderer shows `text`. `platform` stays a plain string because the
	 * content model need not know which platforms exist.
	 */
	chat: z.object({ platform: z.string().min(1), chatId: z.string().min(1) }).optional(),
});

export type Span = z.infer<typeof spanSchema>;

/** Builds a plain text run. */
export function text(value: string): Span {
	return { text: value };
}

/** Builds a bold run. */
export function bold(value: string): Span {
	return { text: value, bold: true };
}

/** Builds an italic run. */
export function italic(value: string): Span {
	return { text: value, italic: true };
}

/** Builds a link run. */
export function link(value: string, href: string): Span {
	return { text: value, href };
}

/** Builds an inline code run. */
export function code(value: string): Span {
	return { text: value, code: true };
}

/** Builds a run naming a chat, shown as `label` (the chat id by default) where its platform has no better way. */
export function chatName(chat: { readonly platform: string; readonly chatId: string }, label: string = chat.chatId): Span {
	return { text: label, chat: { platform: chat.platform, chatId: chat.chatId } };
}

/** The text of runs with every mark dropped. */
export function plainText(spans: readonly Span[]): string {
	let out = '';
	for (const span of spans) out += span.text;
	return out;
}
