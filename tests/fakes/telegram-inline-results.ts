import { checkRichMessage } from './telegram-rich-validation.js';
import { checkMessageText, checkReplyMarkup } from './telegram-validation.js';

/** What the server the fake plays knows of inline results. */
export interface InlineResultOptions {
	/**
	 * Bot API 10.1 (`InputRichMessageContent`). An older server does not know `rich_message`:
	 * it ignores the field, so a result that carries only rich content has no message at all.
	 */
	readonly rich: boolean;
}

type Json = Record<string, unknown>;

/**
 * One `InlineQueryResult` the way Telegram checks it, for `answerInlineQuery` and
 * `answerGuestQuery` alike (https://core.telegram.org/bots/api#inlinequeryresult): an id of
 * 1–64 bytes, a type, an article's title and message content — text within the text rules, or
 * a rich message within the rich rules — and a valid inline keyboard. Returns Telegram's error
 * description, or undefined.
 */
export function checkInlineResult(result: unknown, options: InlineResultOptions): string | undefined {
	if (typeof result !== 'object' || result === null || Array.isArray(result)) return 'Bad Request: RESULT_INVALID';
	const { id, type, title } = result as Json;
	if (typeof type !== 'string' || type === '') return 'Bad Request: RESULT_TYPE_INVALID';
	if (typeof id !== 'string' || id === '' || Buffer.byteLength(id) > 64) return 'Bad Request: RESULT_ID_INVALID';
	if (type === 'article' && (typeof title !== 'string' || title.trim() === '')) return 'Bad Request: RESULT_TITLE_EMPTY';
	const content = (result as Json).input_message_content as Json | undefined;
	if (options.rich && content?.rich_message !== undefined) {
		if (content.message_text !== undefined) return 'Bad Request: message_text and rich_message can not be used together';
		const checked = checkRichMessage(content.rich_message);
		if ('error' in checked) return checked.error;
	} else if (content !== undefined || type === 'article') {
		// An older server reads only the text form; rich content alone is then an empty message.
		const checked = checkMessageText(content?.message_text, content?.parse_mode, content?.entities);
		if ('error' in checked) return checked.error;
	}
	return checkReplyMarkup((result as Json).reply_markup);
}

/** `answerInlineQuery`'s results: at most 50, ids distinct, each one valid. */
export function checkInlineResults(results: unknown, options: InlineResultOptions): string | undefined {
	if (!Array.isArray(results) || results.length > 50) return 'Bad Request: RESULTS_TOO_MUCH';
	const ids = new Set<string>();
	for (const result of results as unknown[]) {
		const problem = checkInlineResult(result, options);
		if (problem) return problem;
		const id = (result as Json).id as string;
		if (ids.has(id)) return 'Bad Request: RESULT_ID_DUPLICATE';
		ids.add(id);
	}
	return undefined;
}
