import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuestRequest } from '../../../adapters/telegram/guest-request.js';
import { commands } from '../../../commands/index.js';
import type { FakeGuestAnswer } from '../../fakes/telegram-bot-api.js';
import { startSeveralPublications, type SeveralPublications } from '../publications-fixture.js';
import { groupChat, newUser, type Harness } from './telegram-harness.js';
import { useSeveralPublications } from './publications-harness.js';

/** A reader @mentions the bot in a group it is not a member of; resolves with the text of the one answer there. */
async function askAsGuest(harness: Harness, text: string): Promise<{ text: string }> {
	const queryId = harness.fake.guestMessage(groupChat(), newUser(), text);
	const answer: FakeGuestAnswer = await harness.fake.waitFor(() => harness.fake.guestAnswers.find((candidate) => candidate.guestQueryId === queryId));
	const content = answer.result.input_message_content as { message_text: string };
	return { text: content.message_text };
}

describe('telegram guest mode with several publications', () => {
	const running = useSeveralPublications();

	it('when a reader asks "@bot rust async" then the answer comes from Rust alone, though React has an async story too', async () => {
		const { text } = await askAsGuest(running.harness, '@digest_test_bot rust async');
		expect(text).toContain('Async closures land in stable');
		expect(text).not.toContain('Async rendering arrives in React');
	});

	it('when a reader writes "@bot react top" then React\'s top stories are the answer', async () => {
		const { text } = await askAsGuest(running.harness, '@digest_test_bot react top');
		expect(text).toContain('Async rendering arrives in React');
		expect(text).not.toContain('Async closures land in stable');
	});

	it('when a reader names only a publication ("@bot rust") then its latest issue is the answer', async () => {
		const { text } = await askAsGuest(running.harness, '@digest_test_bot rust');
		expect(text).toContain('This Week in Rust 501');
		expect(text).not.toContain('React Status');
	});

	it('when a reader asks a question without a publication then it spans them all, as before', async () => {
		const { text } = await askAsGuest(running.harness, '@digest_test_bot async');
		expect(text).toMatch(/Async closures land in stable|Async rendering arrives in React/);
	});
});

describe('reading a guest query when there are several publications', () => {
	let several: SeveralPublications;
	beforeAll(async () => {
		several = await startSeveralPublications();
	});
	afterAll(() => several.cleanup());

	const reader = (): Parameters<typeof readGuestRequest>[2] => ({ find: (name: string) => commands.find((command) => command.name === name), publications: several.publications });
	const read = (text: string) => readGuestRequest(text, 'digest_test_bot', reader());

	it('when a leading word is a publication\'s slug then the command that follows runs in it, with its other arguments kept in place', () => {
		expect(read('@digest_test_bot rust top 3')).toEqual({ kind: 'run', invocation: { name: 'top', text: 'rust 3' } });
		expect(read('@digest_test_bot rust /issues 2')).toEqual({ kind: 'run', invocation: { name: 'issues', text: 'rust 2' } });
		expect(read('@digest_test_bot Rust')).toEqual({ kind: 'run', invocation: { name: 'latest', text: 'rust' } });
	});

	it('when a word is no slug, or names a publication later, then the message reads as it did before publications', () => {
		expect(read('@digest_test_bot rusty top')).toEqual({ kind: 'run', invocation: { name: 'ask', text: 'rusty top' } });
		expect(read('@digest_test_bot top rust')).toEqual({ kind: 'run', invocation: { name: 'top', text: 'rust' } });
	});
});
