import type { ArchivedIssue } from '../../src/archive/archive.js';
import type { Block } from '../../src/content/block.js';
import type { Delivery, PostPart, SentPost } from '../../src/delivery/delivery-transport.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { buildKeyboard } from './callback-data.js';
import { issueFooter } from './rich/issue-rich-message.js';
import { RichMessageTooLargeError } from './rich/rich-message-error.js';
import { renderRichPost } from './rich/rich-post.js';
import type { RichSupport } from './rich/rich-support.js';
import type { RichFooter } from './rich/rich-splitter.js';
import { postedKinds, telegramPartDigest, telegramRichDigest, type TelegramPostPart, type TelegramRichPart, type TelegramTextPart } from './telegram-post-edit.js';
import { renderReply } from './telegram-renderer.js';

export interface TelegramPostRenderOptions {
	/** Whether the server speaks rich messages; while it does, posts are rich. */
	readonly richSupport: RichSupport;
	/**
	 * The archived issue a delivery posts, for each rich message's footer (publication, date,
	 * deep link), which the blocks do not carry. Without it, or for a post carrying several
	 * issues, the messages have no footer.
	 */
	readonly issueOf?: (issueId: string) => ArchivedIssue | undefined;
	/** The bot's username, for the footer's deep link. */
	readonly botUsername?: string;
}

type Render = (delivery: Delivery, content: readonly Block[], posted?: SentPost) => readonly PostPart<TelegramPostPart>[];

/**
 * Renders a post for Telegram: rich messages (Bot API 10.1) while the server speaks them, each
 * carrying the older form of the post from there on; text messages with entities otherwise,
 * as before rich messages. A correction is rendered in the kind its post was made in, as the
 * posted digests say: a rich post with rich edits, a text post with text edits. A post that
 * mixes both (a later part that went the older way) or a rich post on a server that no longer
 * speaks rich messages cannot be edited in place; the reader gets a correction post.
 *
 * The worker hands every subscriber of a format the same content array: each kind is rendered
 * once per broadcast, with its digests (hashing every part again for every chat was 2 % of a
 * post's CPU; rendering cost as much as the post in the fan-out benchmark).
 */
export function createTelegramPostRenderer(options: TelegramPostRenderOptions): Render {
	const texts = new WeakMap<readonly Block[], readonly PostPart<TelegramTextPart>[]>();
	const riches = new WeakMap<readonly Block[], readonly PostPart<TelegramPostPart>[]>();
	const textParts = (content: readonly Block[]): readonly PostPart<TelegramTextPart>[] => {
		let parts = texts.get(content);
		if (!parts) texts.set(content, (parts = renderTextParts(content)));
		return parts;
	};
	const richParts = (delivery: Delivery, content: readonly Block[]): readonly PostPart<TelegramPostPart>[] => {
		let parts = riches.get(content);
		if (!parts) riches.set(content, (parts = renderRichParts(content, footerFor(delivery, content, options), textParts)));
		return parts;
	};
	return (delivery, content, posted) => {
		if (!posted) return options.richSupport.enabled ? richParts(delivery, content) : textParts(content);
		const kinds = postedKinds(posted);
		if (kinds.rich === 0) return textParts(content);
		const where = { platform: 'telegram', method: 'editMessageText' };
		if (kinds.text > 0) throw new DeliveryError('not-editable', { ...where, description: 'the post mixes rich and text messages' });
		if (!options.richSupport.enabled) throw new DeliveryError('not-editable', { ...where, description: 'the post is rich and the Bot API server no longer speaks rich messages' });
		return richParts(delivery, content);
	};
}

/** Today's text messages: split at 4,096 characters, the buttons as an inline keyboard on the last. */
function renderTextParts(content: readonly Block[]): readonly PostPart<TelegramTextPart>[] {
	const reply = renderReply(content);
	const keyboard = buildKeyboard(reply.actionRows);
	return reply.parts.map((text, index) => {
		const markup = index === reply.parts.length - 1 ? keyboard : undefined;
		return { digest: telegramPartDigest(text, markup), payload: { kind: 'text', text, ...(markup ? { keyboard: markup } : {}) } };
	});
}

/**
 * Rich messages, each with the older form of the post from its first block on, rendered when a
 * refusal asks for it. A post the rich limits cannot hold (a heading longer than a message) goes
 * the older way at once.
 */
function renderRichParts(content: readonly Block[], footer: RichFooter | undefined, textParts: (content: readonly Block[]) => readonly PostPart<TelegramTextPart>[]): readonly PostPart<TelegramPostPart>[] {
	let messages;
	try {
		messages = renderRichPost(content, footer);
	} catch (error) {
		if (error instanceof RichMessageTooLargeError) return textParts(content);
		throw error;
	}
	return messages.map(({ message, from }): PostPart<TelegramRichPart> => {
		let older: readonly PostPart<TelegramTextPart>[] | undefined;
		const olderForm = () => (older ??= textParts(from === 0 ? content : content.slice(from)));
		return { digest: telegramRichDigest(message), payload: { kind: 'rich', message, olderForm } };
	});
}

/**
 * The footer of the delivery's issue, in the subscription's language. None when the post also
 * carries other issues (a merged post names them itself): a footer would name only one.
 */
function footerFor(delivery: Delivery, content: readonly Block[], options: TelegramPostRenderOptions): RichFooter | undefined {
	const archived = options.issueOf?.(delivery.issueId);
	if (!archived) return undefined;
	const id = archived.issue.id;
	const foreign = content.some((block) => (block.type === 'card' && block.story !== undefined && block.story.issueId !== id) || (block.type === 'actions' && block.actions.some((action) => action.command === 'issue' && action.args?.[0] !== id)));
	return foreign ? undefined : issueFooter(archived, translatorFor(delivery.subscription.locale), options.botUsername);
}
