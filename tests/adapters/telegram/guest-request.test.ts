import { describe, expect, it } from 'vitest';
import { readGuestRequest } from '../../../adapters/telegram/guest-request.js';
import { commands } from '../../../commands/index.js';

const dispatcher = { find: (name: string) => commands.find((command) => command.name === name) };
const read = (text: string) => readGuestRequest(text, 'digest_test_bot', dispatcher);

describe('reading a guest query', () => {
	it('when a reader asks a question then it goes to /ask whole, without the mention', () => {
		expect(read('@digest_test_bot what did Qwen release?')).toEqual({ kind: 'run', invocation: { name: 'ask', text: 'what did Qwen release?' } });
		expect(read('hey @Digest_Test_Bot, what did Qwen release?')).toEqual({ kind: 'run', invocation: { name: 'ask', text: 'hey what did Qwen release?' } });
	});

	it('when a reader names a guest command, with or without a slash, then that command runs with its arguments', () => {
		expect(read('@digest_test_bot story 3')).toEqual({ kind: 'run', invocation: { name: 'story', text: '3' } });
		expect(read('@digest_test_bot Story 3 2026-03-03')).toEqual({ kind: 'run', invocation: { name: 'story', text: '3 2026-03-03' } });
		expect(read('@digest_test_bot /top')).toEqual({ kind: 'run', invocation: { name: 'top', text: '' } });
		expect(read('@digest_test_bot top')).toEqual({ kind: 'run', invocation: { name: 'top', text: '' } });
		expect(read('@digest_test_bot search qwen edge')).toEqual({ kind: 'run', invocation: { name: 'search', text: 'qwen edge' } });
	});

	it('when a question starts with a command that takes no arguments then it stays a question', () => {
		expect(read('@digest_test_bot latest news on Qwen?')).toEqual({ kind: 'run', invocation: { name: 'ask', text: 'latest news on Qwen?' } });
		expect(read('@digest_test_bot help me understand the Treasury story')).toEqual({ kind: 'run', invocation: { name: 'ask', text: 'help me understand the Treasury story' } });
	});

	it('when a reader types a command that changes a chat or concerns only them then it is unavailable, and an unknown one goes to the dispatcher', () => {
		expect(read('@digest_test_bot /subscribe full')).toEqual({ kind: 'unavailable', command: 'subscribe' });
		expect(read('@digest_test_bot /since')).toEqual({ kind: 'unavailable', command: 'since' });
		expect(read('@digest_test_bot /stroy 3')).toEqual({ kind: 'run', invocation: { name: 'stroy', text: '3' } });
	});

	it('when the message is only the mention then the reader gets a hint', () => {
		expect(read('@digest_test_bot')).toEqual({ kind: 'hint' });
		expect(read('  @DIGEST_TEST_BOT  ')).toEqual({ kind: 'hint' });
	});

	it('when /ask is not offered then a question gets the hint instead', () => {
		const withoutAsk = { find: (name: string) => (name === 'ask' ? undefined : dispatcher.find(name)) };
		expect(readGuestRequest('@digest_test_bot what did Qwen release?', 'digest_test_bot', withoutAsk)).toEqual({ kind: 'hint' });
	});
});
