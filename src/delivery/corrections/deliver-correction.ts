import type { Logger } from 'pino';
import type { ArchivedIssue } from '../../archive/archive.js';
import type { Block } from '../../content/block.js';
import { DeliveryError } from '../../errors/delivery-error.js';
import type { ChatLanguageStore } from '../../i18n/chat-language-store.js';
import { translatorFor } from '../../i18n/translator.js';
import { issueRevision } from './issue-changes.js';
import type { Subscription } from '../../subscriptions/subscription.js';
import type { BroadcastTarget } from './correction-id.js';
import { correctionNotice } from './correction-notice.js';
import type { CorrectionResult, CorrectionStores } from './correction-stores.js';
import type { Delivery, DeliveryTransport, SentPost } from '../delivery-transport.js';
import { editChangedParts } from '../edit-changed-parts.js';
import { sendPost } from '../post-sequence.js';

/** What the step needs for corrections: where posted messages and corrections are kept, and each chat's language. */
export interface CorrectionStepDeps extends CorrectionStores {
	/** The chat's language for a correction post (`/settings language`); English when absent. */
	readonly localeFor?: (subscription: Subscription) => Promise<string | undefined>;
}

/** A chat's `/settings language` for its correction posts. */
export function chatLocales(languages: ChatLanguageStore): NonNullable<CorrectionStepDeps['localeFor']> {
	return (subscription) => languages.get({ platform: subscription.platform, chatId: subscription.chatId });
}

/**
 * On Redis a worker's archive may not have read the corrected issue yet (it reads again when
 * the pub/sub announcement arrives): editing from it would "correct" to the old text. The job
 * waits (a transient retry) unless this process has the revision, or a newer one planned since.
 */
async function checkRevision(archived: ArchivedIssue, target: Extract<BroadcastTarget, { kind: 'correction' }>, deps: CorrectionStepDeps): Promise<void> {
	const revision = issueRevision(archived.issue);
	if (revision === target.revision || revision === (await deps.corrections.baseline(target.issueId))?.revision) return;
	throw new DeliveryError('transient', { platform: 'digestbot', description: `this process has not read revision ${target.revision} of issue ${target.issueId} yet` });
}

/**
 * The send of one job: a first post keeps its message ids; a correction edits the post in
 * place and falls back to a "Correction: …" post where that is impossible. Edits are
 * idempotent (an unchanged part is never edited), so a retried correction never duplicates;
 * only its fallback post can, like any post in flight at a crash. Resolves with a first post as
 * sent (for its follow-up), with nothing for a correction. `publicationName` (several
 * publications) names the issue's publication in the correction post, as the post named it.
 */
export async function sendOrCorrect(transport: DeliveryTransport, delivery: Delivery, content: readonly Block[], archived: ArchivedIssue, target: BroadcastTarget, deps: CorrectionStepDeps | undefined, log?: Logger, publicationName?: string): Promise<SentPost | undefined> {
	const { subscription } = delivery;
	const context = { issue: target.issueId, subscription: subscription.id };
	if (target.kind === 'post') {
		const sent = await sendPost(transport, delivery, content);
		// The post is out: failing to remember it costs a later correction its edit, never this job its success.
		if (sent && deps) await deps.posted.save(target.issueId, subscription.id, sent).catch((error: unknown) => log?.warn({ ...context, err: error }, 'posted message ids not stored'));
		return sent;
	}
	if (!deps) throw new Error('a correction job reached a delivery engine without correction stores');
	await checkRevision(archived, target, deps);
	const previous = await deps.posted.get(target.issueId, subscription.id);
	let result: CorrectionResult | undefined;
	if (previous && transport.replacePart) {
		try {
			const edited = await editChangedParts(transport, delivery, previous, content);
			result = edited.edited > 0 ? 'edited' : 'unchanged';
			await deps.posted.save(target.issueId, subscription.id, edited.post).catch((error: unknown) => log?.warn({ ...context, err: error }, 'edited message ids not stored'));
		} catch (error) {
			if (!(error instanceof DeliveryError && error.kind === 'not-editable')) throw error;
			log?.debug({ ...context, reason: error.message }, 'post not editable: posting a correction');
			// Some parts may have been edited before the refusal: the correction post waits its turn.
			await delivery.pace();
		}
	}
	if (!result) {
		// The subscription's language, as its posts are worded; a subscription from before it kept one asks the chat's choice.
		const t = translatorFor(subscription.locale ?? (await deps.localeFor?.(subscription).catch(() => undefined)));
		// The notice goes where the post went: a Discord forum post's thread (its recorded chat), a group Telegram moved.
		const where = previous && previous.chatId !== subscription.chatId ? { ...delivery, subscription: { ...subscription, chatId: previous.chatId } } : delivery;
		await sendPost(transport, where, correctionNotice(archived, await deps.corrections.changes(target.broadcastId), t, publicationName));
		result = 'posted';
	}
	await deps.corrections.count(target.broadcastId, subscription.id, result).catch((error: unknown) => log?.warn({ ...context, err: error }, 'correction result not counted'));
	return undefined;
}
