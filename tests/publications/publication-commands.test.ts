import { Keyv } from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createAskService, type AskServiceOptions } from '../../src/ask/ask-service.js';
import { createLlmAnswerer } from '../../src/ask/llm-answerer.js';
import type { ChatAccess, TargetResolution } from '../../src/command/chat-access.js';
import type { Origin } from '../../src/command/command.js';
import { createDispatcher, type Invocation } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { Block } from '../../src/content/block.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyvReaderMemory } from '../../src/readers/reader-memory.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';
import { buildDigest, type DigestFixture } from '../builders/digest-builder.js';
import { promptOf, startFakeLlm, type FakeLlm } from '../fakes/openai-server.js';
import { textOf } from '../helpers/archive-fixture.js';

/** A Telegram forum topic (chat -100, topic 7) where the sender administers. */
const topicAccess: ChatAccess = {
	async resolveTarget(): Promise<TargetResolution> {
		return { ok: true, resolved: { target: { platform: 'telegram', chatId: '-100', threadId: '7' }, kind: 'group', label: 'this group' } };
	},
	isChatReference: (text: string) => /^@\w{4,32}$/.test(text),
	listScope: () => ({ platform: 'telegram', chatId: '-100' }),
};
const topic = { platform: 'telegram' as const, chatId: '-100', threadId: '7' };
const inTopic: Origin = { access: topicAccess, chat: { platform: 'telegram', id: '-100', kind: 'group', threadId: '7' }, user: { id: 'admin' } };
const inPrivate: Origin = { chat: { platform: 'telegram', id: '501', kind: 'private' }, user: { id: '501' } };

let llm: FakeLlm | undefined;
afterEach(async () => {
	await llm?.close();
	llm = undefined;
});

/** Puts one issue of a publication, named as its masthead (what the catalogue shows). */
async function put(archive: Archive, slug: string, name: string, fixture: DigestFixture): Promise<string> {
	const text = buildDigest({ title: name, ...fixture });
	return (await archive.put({ ...parseIssue(text).issue, publication: name }, { bytes: text, file: `${slug}/${fixture.date ?? 'undated'}.md`, publication: slug })).issue.id;
}

/**
 * The folder's digest plus two publications whose stories share words (both talk about async):
 * a dispatcher with subscriptions, reader memory and /ask (extractive unless a model is given).
 */
async function setup(ask: Partial<AskServiceOptions> = {}) {
	const archive = new Archive(createMemoryIssueStore());
	await put(archive, 'digest', 'House Digest', { date: '2026-04-01', top: [{ title: 'House news', text: 'Nothing but the office move.' }] });
	const rust = await put(archive, 'rust', 'Rust Weekly', {
		date: '2026-04-02',
		top: [{ title: 'Async closures are stable', text: 'Async closures landed in Rust 1.85 with new borrow rules.', cites: [1] }],
		sections: { Compiler: [{ title: 'Faster builds', text: 'the parallel frontend is on by default.' }] },
		sources: 1,
	});
	const react = await put(archive, 'react', 'React Status', { date: '2026-04-03', top: [{ title: 'Async transitions in React 19', text: 'Async transitions let forms await their actions.', cites: [1] }], sources: 1 });
	const subscriptions = createKeyvSubscriptionStore(new Keyv());
	const dispatcher = createDispatcher(commands, {
		services: { archive, subscriptions, ask: createAskService({ archive, perMinute: 1_000, ...ask }) },
		readers: createKeyvReaderMemory(new Keyv(), archive),
	});
	const run = async (invocation: Invocation | string, origin: Origin = inTopic): Promise<Block[]> => {
		const blocks: Block[] = [];
		const reply = typeof invocation === 'string' ? dispatcher.runText(invocation, origin) : dispatcher.run(invocation, origin);
		for await (const block of completeBlocks(reply)) blocks.push(block);
		return blocks;
	};
	const follow = (publication: string) => subscriptions.subscribe({ ...topic, kind: 'group', format: 'headlines', createdBy: 'admin', publication });
	return { archive, subscriptions, run, follow, ids: { rust, react } };
}

const buttons = (blocks: readonly Block[]): string[][] => blocks.flatMap((block) => (block.type === 'actions' ? block.actions.map((action) => [action.command, ...action.args]) : []));

describe('when /ask names a publication among several', () => {
	it('then only that publication answers, and without one every story used says which publication it is from', async () => {
		const { run, ids } = await setup();
		const named = textOf(await run('/ask rust what changed in async?', inPrivate));
		expect(named).toContain(`[2026-04-02 · 1] Async closures are stable (Rust Weekly) — /story 1 ${ids.rust}`);
		expect(named).not.toContain('React');
		// "rust" is the publication, not a word of the question: it is not quoted back as one.
		expect(named).toContain('what changed in async?');
		expect(named).not.toContain('rust what changed');

		const everywhere = textOf(await run('/ask what changed in async?', inPrivate));
		expect(everywhere).toContain(`Async closures are stable (Rust Weekly) — /story 1 ${ids.rust}`);
		expect(everywhere).toContain(`Async transitions in React 19 (React Status) — /story 1 ${ids.react}`);
	});

	it('then an unknown publication is named back with the list of those there are', async () => {
		const { run } = await setup();
		const blocks = await run({ name: 'ask', options: { question: 'what changed in async?', publication: 'golang' } }, inPrivate);
		expect(blocks[0]?.type).toBe('failure');
		expect(textOf(blocks)).toBe('I have no publication “golang”. There are: digest, react, rust. Send /publications to see them.');
	});

	it('then the model is shown only that publication\'s passages, each with its publication', async () => {
		llm = await startFakeLlm({ script: { text: 'Async closures are stable now [1].' } });
		const model = createLlmAnswerer({ baseUrl: llm.baseUrl, model: 'fake-model', maxTokens: 300, stallMs: 20_000, timeoutMs: 30_000 });
		const { run, ids } = await setup({ model });
		const answer = textOf(await run('/ask rust what changed in async?', inPrivate));
		const prompt = promptOf(llm.requests[0]!);
		expect(prompt).toContain('(2026-04-02 · 1: Async closures are stable; from Rust Weekly)');
		expect(prompt).not.toContain('React');
		expect(answer).toContain(`Async closures are stable (Rust Weekly) — /story 1 ${ids.rust}`);
	});
});

describe('when /story, /sources and /section name no issue among several publications', () => {
	it('then a chat that follows one reads its newest issue, and an issue id reads that issue whatever the chat follows', async () => {
		const { run, follow, ids } = await setup();
		await follow('rust');
		const story = textOf(await run('/story 1'));
		expect(story).toContain('Rust Weekly');
		expect(story).toContain('Async closures are stable');
		expect(textOf(await run('/sources 1'))).toContain('Rust Weekly: Sources for story 1: Async closures are stable');
		const section = textOf(await run('/section compiler'));
		// The issue is labelled by its masthead, which is the publication's name: named once.
		expect(section).toContain('Compiler — Rust Weekly · Apr 2, 2026');
		expect(section).toContain(`Faster builds /story 2 ${ids.rust}`);

		// A button under a post or an answer carries the issue id: it opens that issue's story.
		expect(textOf(await run(`/story 1 ${ids.react}`))).toContain('Async transitions in React 19');
		expect(textOf(await run(`/sources 1 ${ids.react}`))).toContain('React Status: Sources for story 1: Async transitions in React 19');
	});

	it('then a chat that follows none is asked which publication, and each choice opens that publication\'s story', async () => {
		const { run } = await setup();
		const chooser = await run('/story 1', inPrivate);
		expect(textOf(chooser)).toContain('Which publication?');
		expect(buttons(chooser)).toEqual([['story', 'digest', '1'], ['story', 'react', '1'], ['story', 'rust', '1']]);
		expect(textOf(await run('/story react 1', inPrivate))).toContain('Async transitions in React 19');
		expect(buttons(await run('/section Compiler', inPrivate))).toEqual([['section', 'digest', 'Compiler'], ['section', 'react', 'Compiler'], ['section', 'rust', 'Compiler']]);
		expect(textOf(await run('/section rust Compiler', inPrivate))).toContain('Faster builds');
		expect(textOf(await run('/sources 1 rust', inPrivate))).toContain('Sources for story 1: Async closures are stable');
	});
});

describe('when a reader was shown the latest of two publications and one publishes again', () => {
	it('then /since for each publication starts from what the reader saw of it', async () => {
		const { archive, run } = await setup();
		await run('/latest react', inPrivate);
		await run('/latest rust', inPrivate);
		await put(archive, 'rust', 'Rust Weekly', { date: '2026-04-09', top: [{ title: 'Cargo script ships' }] });

		const rust = textOf(await run('/since rust', inPrivate));
		expect(rust).not.toContain('I haven’t shown you an issue yet');
		expect(rust).toContain('Cargo script ships');
		expect(rust).not.toContain('Async closures are stable');
		expect(textOf(await run('/since react', inPrivate))).toContain('You’re up to date. The latest issue is React Status');
	});
});

describe('when /settings tags names no publication in a topic that follows several', () => {
	it('then it asks which subscription, changes none until told, and then only the one chosen', async () => {
		const { run, follow, subscriptions } = await setup();
		await follow('rust');
		await follow('react');
		const chooser = await run('/settings tags on');
		expect(textOf(chooser)).toContain('this group follows several publications. Which subscription do you mean?');
		expect(buttons(chooser)).toEqual([['settings', 'rust', 'tags', 'on'], ['settings', 'react', 'tags', 'on']]);
		expect((await subscriptions.getByTarget(topic, 'rust'))?.sectionTags).toBeUndefined();
		expect((await subscriptions.getByTarget(topic, 'react'))?.sectionTags).toBeUndefined();

		expect(textOf(await run('/settings rust tags on'))).toContain('Saved: each new post in this group gets a tag for each of its sections');
		expect((await subscriptions.getByTarget(topic, 'rust'))?.sectionTags).toBe(true);
		expect((await subscriptions.getByTarget(topic, 'react'))?.sectionTags).toBeUndefined();

		// The subscription to every publication is chosen as "all".
		await follow('*');
		expect(buttons(await run('/settings tags off'))).toContainEqual(['settings', 'all', 'tags', 'off']);
		await run('/settings all tags off');
		expect((await subscriptions.getByTarget(topic, '*'))?.sectionTags).toBe(false);
		expect((await subscriptions.getByTarget(topic, 'rust'))?.sectionTags).toBe(true);
	});

	it('then a format with neither a default nor an all subscription to fall back on is asked about too', async () => {
		const { run, follow, subscriptions } = await setup();
		await follow('rust');
		await follow('react');
		expect(buttons(await run('/settings full'))).toEqual([['settings', 'rust', 'full'], ['settings', 'react', 'full']]);
		expect((await subscriptions.getByTarget(topic, 'rust'))?.format).toBe('headlines');
		await run('/settings react full');
		expect((await subscriptions.getByTarget(topic, 'react'))?.format).toBe('full');
		expect((await subscriptions.getByTarget(topic, 'rust'))?.format).toBe('headlines');
	});
});

describe('when /search finds a story in the newest issue among several publications', () => {
	it("then its /story command names the issue, since a bare /story N reads the chat's own publication", async () => {
		const { run, follow, ids } = await setup();
		await follow('rust');
		// React's issue is the newest overall; this chat follows Rust, so "/story 1" alone would open Rust's story 1.
		const found = textOf(await run('/search transitions'));
		expect(found).toContain(`/story 1 ${ids.react}`);
		const opened = textOf(await run(`/story 1 ${ids.react}`));
		expect(opened).toContain('Async transitions in React 19');
	});
});

describe('when a reader starts the bot that serves several publications', () => {
	it('then the welcome says whose the newest issue is and points at /publications, with a button for it', async () => {
		const { run } = await setup();
		const welcome = await run('/start', inPrivate);
		const text = textOf(welcome);
		// The issue's title already names its publication, so it is not named twice.
		expect(text).toContain('The latest issue is React Status (');
		expect(text).toContain('It serves 3 publications: /publications lists them');
		expect(buttons(welcome)[0]).toEqual(['publications']);
	});
});

describe('when /top names a publication whose issues carry its name', () => {
	it('then the heading names it once, and each "Read it" command names the publication, which a bare /story N would not reach', async () => {
		const { run } = await setup();
		const top = textOf(await run('/top rust', inPrivate));
		expect(top).toContain('Top stories — Rust Weekly');
		expect(top).not.toContain('Rust Weekly: Rust Weekly');
		expect(top).toContain('Read it: /story 1 rust');
		expect(textOf(await run('/story 1 rust', inPrivate))).toContain('Async closures are stable');
		// The overview's "Top stories" button carries the publication too.
		expect(buttons(await run('/latest rust', inPrivate))).toContainEqual(['top', 'rust']);
	});
});
