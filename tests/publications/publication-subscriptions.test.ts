import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { buildDigest } from '../builders/digest-builder.js';
import { ask, referenceArchive, textOf } from '../helpers/archive-fixture.js';

/** A Telegram forum topic (chat -100, topic 7) where the sender administers. */
const topicAccess: ChatAccess = {
	async resolveTarget(): Promise<TargetResolution> {
		return { ok: true, resolved: { target: { platform: 'telegram', chatId: '-100', threadId: '7' }, kind: 'group', label: 'this group' } };
	},
	isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	listScope: () => ({ platform: 'telegram', chatId: '-100' }),
};

async function setup() {
	const archive = new Archive(createMemoryIssueStore());
	for (const [publication, date] of [['digest', '2026-04-01'], ['rust', '2026-04-02']] as const) {
		const text = buildDigest({ title: `${publication} weekly`, date, top: [{ title: `A ${publication} story` }] });
		await archive.put(parseIssue(text).issue, { bytes: text, file: `${publication}.md`, publication });
	}
	const subscriptions = createKeyvSubscriptionStore(new Keyv());
	const dispatcher = createDispatcher(commands, { services: { archive, subscriptions } });
	const say = async (text: string): Promise<Block[]> => {
		const blocks: Block[] = [];
		const origin = { access: topicAccess, chat: { platform: 'telegram' as const, id: '-100', kind: 'group' as const, threadId: '7' }, user: { id: 'admin' } };
		for await (const block of completeBlocks(dispatcher.runText(text, origin))) blocks.push(block);
		return blocks;
	};
	return { say, subscriptions };
}

const topic = { platform: 'telegram' as const, chatId: '-100', threadId: '7' };

describe('when a chat chooses among several publications', () => {
	it('then it follows one, or all, each with its own format and hour, lists them, and stops one or every one', async () => {
		const { say, subscriptions } = await setup();
		const chooser = (await say('/subscribe')).find((block) => block.type === 'actions');
		expect(chooser?.type === 'actions' && chooser.actions.map((action) => action.args)).toEqual([['digest'], ['rust'], ['all']]);
		expect(await subscriptions.activeIds()).toEqual([]);

		expect(textOf(await say('/subscribe rust headlines'))).toContain('rust');
		expect(textOf(await say('/subscribe all full'))).toContain('now subscribed');
		expect(await subscriptions.activeIds()).toEqual(['telegram:-100:7~rust', 'telegram:-100:7~*']);
		expect(await subscriptions.getByTarget(topic, 'rust')).toMatchObject({ format: 'headlines', publication: 'rust' });
		expect(await subscriptions.getByTarget(topic, '*')).toMatchObject({ format: 'full', publication: '*' });

		await say('/settings rust at 08:00 Europe/Berlin');
		expect((await subscriptions.getByTarget(topic, 'rust'))?.deliverAt).toEqual({ time: '08:00', zone: 'Europe/Berlin' });
		expect((await subscriptions.getByTarget(topic, '*'))?.deliverAt).toBeUndefined();

		// The chat follows all of them, so /latest needs a name or offers the chooser; a named one answers.
		expect(textOf(await say('/latest rust'))).toContain('A rust story');

		const listed = textOf(await say('/subscriptions'));
		expect(listed).toContain('rust: ');
		expect(listed).toContain('all publications: ');

		await say('/unsubscribe rust');
		expect(await subscriptions.activeIds()).toEqual(['telegram:-100:7~*']);
		await say('/unsubscribe');
		expect(await subscriptions.activeIds()).toEqual([]);
	});
});

describe('when a reader types only the publication after /subscribe', () => {
	it('then the chat follows it in the default format, as the chooser\'s button would, and a section after it is a section', async () => {
		const { say, subscriptions } = await setup();
		expect(textOf(await say('/subscribe rust'))).toContain('now subscribed');
		expect(await subscriptions.getByTarget(topic, 'rust')).toMatchObject({ format: 'top', publication: 'rust' });
		await say('/unsubscribe rust');
		await say('/subscribe headlines rust policy');
		expect(await subscriptions.getByTarget(topic, 'rust')).toMatchObject({ format: 'headlines', sections: ['policy'] });
	});
});

describe('when there is one publication', () => {
	it('then typed words read as before: a slug is no publication, and a search for it searches the word', async () => {
		const archive = await referenceArchive();
		expect(textOf(await ask(archive, '/latest digest'))).toBe('/latest takes no arguments. Usage: /latest');
		// Were "digest" taken as the publication, this would be the search for qwen alone.
		expect(textOf(await ask(archive, '/search digest qwen'))).not.toEqual(textOf(await ask(archive, '/search qwen')));
	});
});
