import type { FailureBlock } from '../content/block.js';
import type { Span } from '../content/span.js';

/**
 * Expected failures, each with a stable code. The text a user reads is looked up from the
 * code here, in one place, so that wording can change (or be translated) without touching
 * commands or adapters.
 */
export interface FailureParams {
	'unknown-command': { command: string; suggestion?: string };
	'not-a-command': Record<string, never>;
	'bad-argument': { usage: string; problem: string };
	'story-not-found': { number: number; issueTitle: string; first: number; last: number };
	'issue-not-found': { reference: string; latest?: string };
	'section-not-found': { name: string; sections: string[] };
	'no-issues': Record<string, never>;
	'no-results': { query: string };
	'no-sources': { number: number };
	'internal-error': Record<string, never>;
	'subscriptions-unavailable': Record<string, never>;
	'not-admin': { where: string };
	'cannot-post': { where: string; missing: string };
	'target-not-found': { reference: string };
	'not-subscribed': { where: string };
	'bot-admins-only': Record<string, never>;
	'rate-limited': { seconds: number };
	'ask-no-match': { question: string };
	'too-many-questions': { perMinute: number; seconds: number };
	'still-answering': Record<string, never>;
	'ask-unavailable': Record<string, never>;
}

export type FailureCode = keyof FailureParams;

type Messages = { [Code in FailureCode]: (params: FailureParams[Code]) => Span[] };

const messages: Messages = {
	'unknown-command': ({ command, suggestion }) => [
		{ text: `I don't know the command /${command}.` },
		...(suggestion ? [{ text: ' Did you mean ' }, { text: `/${suggestion}`, code: true }, { text: '?' }] : []),
		{ text: ' Send ' },
		{ text: '/help', code: true },
		{ text: ' to see what I can do.' },
	],
	'not-a-command': () => [
		{ text: 'I answer commands. Try ' },
		{ text: '/top', code: true },
		{ text: ' for the top stories, ' },
		{ text: '/search words', code: true },
		{ text: ' to search, or ' },
		{ text: '/help', code: true },
		{ text: '.' },
	],
	'bad-argument': ({ usage, problem }) => [{ text: `${problem} Usage: ` }, { text: usage, code: true }],
	'story-not-found': ({ number, issueTitle, first, last }) => [
		{ text: `There is no story ${number} in “${issueTitle}”. Stories are numbered ${first}–${last}; try ` },
		{ text: `/story ${first}`, code: true },
		{ text: '.' },
	],
	'issue-not-found': ({ reference, latest }) => [
		{ text: `I have no issue “${reference}”. Send ` },
		{ text: '/issues', code: true },
		{ text: ` to list them${latest ? `; the latest is ${latest}` : ''}.` },
	],
	'section-not-found': ({ name, sections }) => [
		{ text: `There is no section “${name}”.${sections.length > 0 ? ` Sections: ${sections.join(', ')}.` : ''}` },
	],
	'no-issues': () => [{ text: 'The archive is empty: no issue has been published yet.' }],
	'no-results': ({ query }) => [{ text: `No story matches “${query}”. Try fewer or different words.` }],
	'no-sources': ({ number }) => [{ text: `Story ${number} cites no sources.` }],
	'internal-error': () => [{ text: 'Sorry, something went wrong on my side. Please try again in a moment.' }],
	'subscriptions-unavailable': () => [{ text: 'Subscriptions are available on Telegram and Discord, not here.' }],
	'not-admin': ({ where }) => [{ text: `Only administrators of ${where} can change its subscription.` }],
	'cannot-post': ({ where, missing }) => [{ text: `I can't post in ${where}: ${missing}. Fix that and send the command again.` }],
	'target-not-found': ({ reference }) => [{ text: `I can't find ${reference}, or I'm not a member there. Add me to it first.` }],
	'not-subscribed': ({ where }) => [{ text: `${capitalise(where)} is not subscribed. Send ` }, { text: '/subscribe', code: true }, { text: ' to get new issues.' }],
	'bot-admins-only': () => [{ text: 'Only the administrators of this bot can see its status.' }],
	'rate-limited': ({ seconds }) => [{ text: `You're sending commands faster than I can read them. Please wait ${seconds} s.` }],
	'ask-no-match': ({ question }) => [
		{ text: `Nothing in the archive answers “${question}”. Try other words, or ` },
		{ text: '/search', code: true },
		{ text: ' for stories.' },
	],
	'too-many-questions': ({ perMinute, seconds }) => [{ text: `You can ask ${perMinute} questions a minute. Please wait ${seconds} s and ask again.` }],
	'ask-unavailable': () => [{ text: 'Asking the archive is not available here. Try ' }, { text: '/search', code: true }, { text: ' instead.' }],
	'still-answering': () => [{ text: 'I’m still answering your last question. Wait for it to finish (or stop it), then ask again.' }],
};

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Builds the failure block for a code. */
export function failure<Code extends FailureCode>(code: Code, params: FailureParams[Code]): FailureBlock {
	return { type: 'failure', code, spans: messages[code](params) };
}
