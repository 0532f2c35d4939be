import type { InputRichMessageWithoutUpload } from 'grammy/types';
import type { DraftForm, DraftTarget } from '../draft-stream.js';
import type { RichSupport } from './rich-support.js';

/**
 * A rich draft as the pacer holds it: "Thinking…", or the answer as of `version` parts, rendered
 * only when it is sent, so an answer written a token at a time is rendered once per draft, not per token.
 */
export type RichDraft = { readonly version: -1 } | { readonly version: number; readonly render: () => InputRichMessageWithoutUpload | undefined };

/**
 * Rich drafts (`sendRichMessageDraft`, Bot API 10.1): a Thinking block at once (`thinking`, a
 * block drafts alone may hold), then the answer as it grows. A server that does not know the
 * method is noted in `RichSupport`, so the answer and the next ones go the entity way.
 * https://core.telegram.org/bots/api#sendrichmessagedraft
 */
export function richDraftForm({ api, chatId, thread, draftId }: DraftTarget, thinking: string, support: RichSupport): DraftForm<RichDraft> {
	return {
		thinking: { version: -1 },
		isThinking: (draft) => draft.version === -1,
		same: (a, b) => a.version === b.version,
		async send(draft, stop) {
			const rich = 'render' in draft ? draft.render() : { blocks: [{ type: 'thinking' as const, text: thinking }] };
			if (!rich) return false;
			await api.sendRichMessageDraft(chatId, draftId, rich, { ...thread, ...stop });
			support.noteAccepted();
			return true;
		},
		refused: (error) => support.noteRefusal(error),
	};
}
