import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../src/archive/archive.js';
import { longSlug } from '../publications-fixture.js';
import { botReplies, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';
import { useSeveralPublications } from './publications-harness.js';

/** One inline result as the server accepted it: what the list shows, what it shares, and its one button. */
interface SharedResult {
	readonly id: string;
	readonly title: string;
	readonly description: string;
	readonly text: string;
	readonly button: { text: string; url: string };
}

/** A user types `@bot query`; resolves with the results of the answer the fake Bot API accepted (it validates them as Telegram does). */
async function shareInline(harness: Harness, query: string): Promise<SharedResult[]> {
	const queryId = harness.fake.inlineQuery(newUser(), query);
	const call = await harness.fake.waitFor(() => harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId));
	expect(call.ok).toBe(true);
	type Raw = { id: string; title: string; description: string; input_message_content: { message_text: string }; reply_markup: { inline_keyboard: { text: string; url: string }[][] } };
	return (call.params.results as Raw[]).map((result) => ({
		id: result.id,
		title: result.title,
		description: result.description,
		text: result.input_message_content.message_text,
		button: result.reply_markup.inline_keyboard.flat()[0]!,
	}));
}

/** The `start` parameter of a deep link, checked against Telegram's rule for it (1–64 of A–Z a–z 0–9 _ -). */
function startParameterOf(url: string): string {
	const payload = new URL(url).searchParams.get('start') ?? '';
	expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
	return payload;
}

/** The publication of the issue a deep link's story is in. */
function publicationOfLink(archive: Archive, url: string): string | undefined {
	const issueId = /^(.+)-s\d+$/.exec(startParameterOf(url))?.[1] ?? '';
	return archive.get(issueId)?.publication;
}

describe('telegram inline mode with several publications', () => {
	const running = useSeveralPublications();

	it('when a reader types "@bot rust" then the results are the latest Rust issue\'s stories, each naming This Week in Rust', async () => {
		const results = await shareInline(running.harness, 'rust');
		expect(results.map((result) => result.title)).toEqual(['1. Async closures land in stable', '2. The borrow checker gets faster']);
		for (const result of results) {
			expect(result.description).toMatch(/^This Week in Rust · /);
			expect(publicationOfLink(running.several.archive, result.button.url)).toBe('rust');
		}
	});

	it('when a reader types "@bot rust async" then only Rust\'s async story matches, though React has one too', async () => {
		const results = await shareInline(running.harness, 'rust async');
		expect(results.map((result) => [result.title, result.description])).toEqual([['1. Async closures land in stable', 'This Week in Rust · Rust async code gets simpler.']]);
	});

	it('when a reader types "@bot async" then both publications\' async stories match, each saying which publication it is from', async () => {
		const results = await shareInline(running.harness, 'async');
		const byTitle = Object.fromEntries(results.map((result) => [result.title, result.description.split(' · ')[0]]));
		expect(byTitle).toMatchObject({ '1. Async closures land in stable': 'This Week in Rust', '1. Async rendering arrives in React': 'React Status' });
		expect(new Set(results.map((result) => result.id)).size).toBe(results.length);
	});

	it('when a reader types only "@bot" then the latest issue of every publication is offered, in the configured order', async () => {
		const results = await shareInline(running.harness, '');
		const publications = results.map((result) => result.description.split(' · ')[0]);
		expect([...new Set(publications)]).toEqual(['This Week in Rust', 'React Status', 'Long Slug Weekly']);
		expect(results.map((result) => result.title)).toEqual(expect.arrayContaining(['1. Async closures land in stable', '1. Async rendering arrives in React', '1. A story from the long-slug publication']));
		// Only the latest issues: the older ones' stories are not offered.
		expect(results.map((result) => result.title)).not.toContain('1. Hooks revisited');
	});

	it('when a reader shares a React result then its message is React\'s story and its button opens that story in the bot, not Rust\'s story of the same number', async () => {
		const [result] = await shareInline(running.harness, 'react');
		expect(result!.text).toMatch(/^1\. Async rendering arrives in React/);
		expect(result!.button.text).toBe('Open in the bot');
		const payload = startParameterOf(result!.button.url);
		const user = newUser();
		const chat = privateChat(user);
		running.harness.fake.postText(chat, `/start ${payload}`, { from: user });
		const [opened] = await botReplies(running.harness.fake, chat.id);
		// The story card (its footer says which story of which issue), whatever line names the publication above it.
		expect(opened!.text).toContain('1. Async rendering arrives in React');
		expect(opened!.text).toContain('React Status 401 · Apr 8, 2026 · story 1 of 2');
	});

	it('when a publication has the longest slug allowed then its results still carry valid ids and deep links that open its issue', async () => {
		const results = await shareInline(running.harness, longSlug);
		expect(results.map((result) => result.title)).toEqual(['1. A story from the long-slug publication']);
		expect(Buffer.byteLength(results[0]!.id)).toBeLessThanOrEqual(64);
		expect(publicationOfLink(running.several.archive, results[0]!.button.url)).toBe(longSlug);
	});
});

describe('telegram inline mode with several publications on a server that speaks rich messages', () => {
	const running = useSeveralPublications({ TELEGRAM_RICH: 'on' });

	it('when a reader types "@bot react" then the rich results, accepted at the first try, are React\'s stories, named in the list', async () => {
		const queryId = running.harness.fake.inlineQuery(newUser(), 'react');
		const call = await running.harness.fake.waitFor(() => running.harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId));
		expect(call.ok).toBe(true);
		const results = call.params.results as { description: string; input_message_content: { rich_message?: unknown } }[];
		expect(results.map((result) => result.description.split(' · ')[0])).toEqual(['React Status', 'React Status']);
		expect(JSON.stringify(results[0]!.input_message_content.rich_message)).toContain('Async rendering arrives in React');
	});
});

describe('telegram inline mode with one publication', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness();
	});
	afterAll(() => harness.close());

	it('when a reader types a publication\'s slug as a word then it is searched for, as before publications, and no result names a publication', async () => {
		// The one publication is `digest`: with nothing to choose, the word is a search word, not a scope.
		const results = await shareInline(harness, 'digest');
		const latest = await shareInline(harness, '');
		expect(results.map((result) => result.title)).not.toEqual(latest.map((result) => result.title));
		for (const result of latest) expect(result.description).not.toMatch(/ · /);
	});
});
