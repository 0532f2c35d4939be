import type { FailureBlock } from '../content/block.js';
import type { FailureCode, FailureParams } from '../content/failure-codes.js';
import { chatLabel } from './chat-labels.js';
import { defaultLocale } from './locale.js';
import { translatorFor, type MessageArgs, type Translator } from './translator.js';

/**
 * The catalogue message for each expected failure (`src/content/failure-codes.ts`), and the
 * variables it takes. The text a user reads is looked up from the code here, in one place, and
 * worded by the reader's catalogue (src/i18n/catalogues), so that wording can change or be
 * translated without touching commands or adapters. It sits in i18n, below every layer that
 * answers a reader (/ask's service as much as the commands).
 */
type Messages = { [Code in FailureCode]: (params: FailureParams[Code], t: Translator) => { id: string; args?: MessageArgs } };

const messages: Messages = {
	'unknown-command': ({ command, suggestion }) =>
		suggestion ? { id: 'failure-unknown-command-suggestion', args: { command, suggestion } } : { id: 'failure-unknown-command', args: { command } },
	'not-a-command': () => ({ id: 'failure-not-a-command' }),
	'bad-argument': ({ usage, problem }) => ({ id: 'failure-bad-argument', args: { usage, problem } }),
	// Numbers that end up inside a command ("/story 3") are passed as text: no digit grouping.
	'story-not-found': ({ number, issueTitle, first, last }) => ({ id: 'failure-story-not-found', args: { number: String(number), issueTitle, first: String(first), last: String(last) } }),
	'issue-not-found': ({ reference, latest }) =>
		latest ? { id: 'failure-issue-not-found-latest', args: { reference, latest } } : { id: 'failure-issue-not-found', args: { reference } },
	'section-not-found': ({ name, sections }, t) =>
		sections.length > 0 ? { id: 'failure-section-not-found-list', args: { name, sections: t.list(sections) } } : { id: 'failure-section-not-found', args: { name } },
	'no-issues': () => ({ id: 'failure-no-issues' }),
	'publication-not-found': ({ name, publications }, t) => ({ id: 'failure-publication-not-found', args: { name, publications: t.list(publications) } }),
	'no-results': ({ query }) => ({ id: 'failure-no-results', args: { query } }),
	'no-sources': ({ number }) => ({ id: 'failure-no-sources', args: { number: String(number) } }),
	'internal-error': () => ({ id: 'failure-internal-error' }),
	'subscriptions-unavailable': () => ({ id: 'failure-subscriptions-unavailable' }),
	'not-saved': () => ({ id: 'failure-not-saved' }),
	'store-unavailable': () => ({ id: 'failure-store-unavailable' }),
	'not-admin': ({ where }, t) => ({ id: 'failure-not-admin', args: { where: chatLabel(where, t) } }),
	'cannot-post': ({ where, reason, permissions = [] }, t) => ({
		id: 'failure-cannot-post',
		args: { where: chatLabel(where, t), missing: t.text(`cannot-post-${reason}`, { count: permissions.length, permissions: t.and(permissions.map((name) => t.text(`permission-${name}`))) }) },
	}),
	'server-install-needed': () => ({ id: 'failure-server-install-needed' }),
	'target-not-found': ({ reference }, t) => ({ id: 'failure-target-not-found', args: { reference: chatLabel(reference, t) } }),
	'not-subscribed': ({ where }, t) => ({ id: 'failure-not-subscribed', args: { where: capitalise(chatLabel(where, t)) } }),
	'bot-admins-only': () => ({ id: 'failure-bot-admins-only' }),
	'rate-limited': ({ seconds }) => ({ id: 'failure-rate-limited', args: { seconds } }),
	'ask-no-match': ({ question }) => ({ id: 'failure-ask-no-match', args: { question } }),
	'too-many-questions': ({ perMinute, seconds }) => ({ id: 'failure-too-many-questions', args: { perMinute, seconds } }),
	'ask-unavailable': () => ({ id: 'failure-ask-unavailable' }),
	'still-answering': () => ({ id: 'failure-still-answering' }),
	'unsupported-language': ({ language }) => ({ id: 'failure-unsupported-language', args: { language, languages: 'en, ru, zh' } }),
	'bad-delivery-time': ({ time }) => (time === '' ? { id: 'failure-delivery-time-missing' } : { id: 'failure-bad-delivery-time', args: { time } }),
	'unknown-time-zone': ({ zone, suggestions }) =>
		zone === ''
			? { id: 'failure-time-zone-missing' }
			: suggestions.length > 0
				? { id: 'failure-unknown-time-zone-suggestions', args: { zone, suggestions: suggestions.join(', ') } }
				: { id: 'failure-unknown-time-zone', args: { zone } },
};

/**
 * Builds the failure block for a code, in the reader's language (English by default). The
 * params travel with the block, so the dispatcher can word a failure that was built without
 * a locale (by a platform's ChatAccess, say) in the reader's language.
 */
export function failure<Code extends FailureCode>(code: Code, params: FailureParams[Code], locale?: string): FailureBlock {
	const t = translatorFor(locale);
	const { id, args } = messages[code](params, t);
	return { type: 'failure', code, params, spans: t.spans(id, args) };
}

/** The same failure worded for another reader; blocks without params (built elsewhere) stay as they are. */
export function localiseFailure(block: FailureBlock, locale: string | undefined): FailureBlock {
	if (!block.params || translatorFor(locale).locale === defaultLocale) return block;
	return failure(block.code, block.params as never, locale);
}

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
