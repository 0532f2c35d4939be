import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, type Origin } from '../../src/command/command.js';
import { createDispatcher, type DispatchOutcome } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block, Reply } from '../../src/content/block.js';
import { createKeyvChatLanguageStore, type ChatLanguageStore } from '../../src/i18n/chat-language-store.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A bot-admins command that counts its runs: the audience stage must refuse before it runs at all. */
function countingAdminCommand() {
	const runs: unknown[] = [];
	const command = defineCommand({
		name: 'secret',
		description: 'For the bot’s administrators',
		usage: '/secret',
		audience: 'bot-admins',
		options: [],
		schema: z.object({}),
		async *run(args) {
			runs.push(args);
			yield { type: 'paragraph', spans: [{ text: 'the secret' }] };
		},
	});
	return { command, runs };
}

const originOf = (userId: string, locale?: string): Origin => ({ chat: { platform: 'telegram', id: userId, kind: 'private' }, user: { id: userId }, locale });

async function collect(reply: Reply): Promise<Block[]> {
	const blocks: Block[] = [];
	for await (const block of completeBlocks(reply)) blocks.push(block);
	return blocks;
}

describe('the audience stage', () => {
	it('when someone not in ADMIN_IDS runs a bot-admins command then it is refused in their language before it runs, and the refusal is reported as denied', async () => {
		const { command, runs } = countingAdminCommand();
		const outcomes: DispatchOutcome[] = [];
		const dispatcher = createDispatcher([command], { services: { archive: await referenceArchive() }, adminIds: ['42'], onOutcome: (outcome) => outcomes.push(outcome) });

		const refused = await collect(dispatcher.run({ name: 'secret', text: '' }, originOf('7', 'ru-RU')));

		expect(refused).toEqual([expect.objectContaining({ type: 'failure', code: 'bot-admins-only' })]);
		expect(textOf(refused)).toBe('Состояние бота видят только его администраторы.');
		expect(runs).toHaveLength(0);
		expect(outcomes).toEqual([expect.objectContaining({ command: 'secret', outcome: 'denied', failureCode: 'bot-admins-only' })]);
	});

	it('when the refused user also gives arguments the command does not take then the refusal comes first, without the usage of a command they may not use', async () => {
		const { command } = countingAdminCommand();
		const dispatcher = createDispatcher([command], { services: { archive: await referenceArchive() }, adminIds: ['42'] });
		const refused = await collect(dispatcher.run({ name: 'secret', text: 'please' }, originOf('7')));
		expect(refused).toEqual([expect.objectContaining({ code: 'bot-admins-only' })]);
		expect(textOf(refused)).not.toContain('/secret');
	});

	it('when a user in ADMIN_IDS runs it then it runs, and the outcome is success', async () => {
		const { command, runs } = countingAdminCommand();
		const outcomes: DispatchOutcome[] = [];
		const dispatcher = createDispatcher([command], { services: { archive: await referenceArchive() }, adminIds: ['42'], onOutcome: (outcome) => outcomes.push(outcome) });
		expect(textOf(await collect(dispatcher.run({ name: 'secret', text: '' }, originOf('42'))))).toBe('the secret');
		expect(runs).toHaveLength(1);
		expect(outcomes).toEqual([expect.objectContaining({ outcome: 'success' })]);
	});

	it('when no ADMIN_IDS are configured then /status is refused to everyone, and everyone-commands still answer', async () => {
		const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive() } });
		expect(await collect(dispatcher.runText('/status', originOf('42')))).toEqual([expect.objectContaining({ code: 'bot-admins-only' })]);
		expect(textOf(await collect(dispatcher.runText('/latest', originOf('42'))))).toContain('Qwen 3.5 small models go multimodal');
	});
});

describe('the services', () => {
	it('when a process publishes nothing (no broadcast status handed over, even as undefined) then an admin’s /status still answers, with no broadcast', async () => {
		const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive(), broadcastStatus: undefined, feedStatus: undefined }, adminIds: ['42'] });
		expect(textOf(await collect(dispatcher.runText('/status', originOf('42'))))).toContain('No broadcast yet.');
	});
});

describe('one run of a prepared command', () => {
	/** A chat-language store that counts its lookups. */
	function countingLanguages(): ChatLanguageStore & { lookups: number } {
		const inner = createKeyvChatLanguageStore(new Keyv());
		const store = {
			lookups: 0,
			get: (scope: Parameters<ChatLanguageStore['get']>[0]) => {
				store.lookups += 1;
				return inner.get(scope);
			},
			set: inner.set,
		};
		return store;
	}

	it('when an adapter prepares a command, reads it and runs it then the chat’s language is looked up once, for the answer and the adapter alike', async () => {
		const languages = countingLanguages();
		await languages.set({ platform: 'telegram', chatId: '7' }, 'zh-CN');
		languages.lookups = 0;
		const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive(), languages } });

		const prepared = dispatcher.prepare({ name: 'story', text: '99' });
		expect(prepared.command?.name).toBe('story');
		const answer = prepared.run(originOf('7', 'en'));
		const blocks = await collect(answer.reply);

		expect(await answer.locale).toBe('zh-CN');
		expect(textOf(blocks)).toContain('中没有第 99 篇');
		expect(languages.lookups).toBe(1);
	});

	it('when the name is unknown then the prepared command is undefined and running it suggests the closest', async () => {
		const dispatcher = createDispatcher(commands, { services: { archive: await referenceArchive() } });
		const prepared = dispatcher.prepare({ name: 'stroy', text: '3' });
		expect(prepared.command).toBeUndefined();
		expect(textOf(await collect(prepared.run(originOf('7')).reply))).toContain('/story');
	});
});
