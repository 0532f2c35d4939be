import { Api } from 'grammy';
import type { Chat, InputRichMessageWithoutUpload } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderIssueRich } from '../../../../adapters/telegram/rich/issue-rich-message.js';
import type { ArchivedIssue } from '../../../../src/archive/archive.js';
import { buildDigest, type StoryFixture } from '../../../builders/digest-builder.js';
import { FakeTelegramBotApi, fakeToken } from '../../../fakes/telegram-bot-api.js';
import { checkRichMessage } from '../../../fakes/telegram-rich-validation.js';
import { archiveWith, referenceArchive } from '../../../helpers/archive-fixture.js';
import { footnotesOf, outline, richNodes, richPlain } from './rich-outline.js';
import { largeDigest } from './large-digest.js';

const channel = { id: -100777, type: 'channel', title: 'Digest channel' } as Chat;
let fake: FakeTelegramBotApi;
let api: Api;
let reference: ArchivedIssue;

beforeAll(async () => {
	fake = await FakeTelegramBotApi.start();
	api = new Api(fakeToken, { apiRoot: fake.apiRoot });
	fake.addChat(channel);
	reference = (await referenceArchive()).latest()!;
});

afterAll(async () => {
	await fake.close();
});

/** Sends each message through grammY to the fake, which refuses any it would not accept; returns what the fake counted. */
async function sendAll(messages: readonly InputRichMessageWithoutUpload[]) {
	const censuses = [];
	for (const message of messages) {
		const sent = await api.sendRichMessage(channel.id, message);
		censuses.push(fake.botMessages(channel.id).find((stored) => stored.message_id === sent.message_id)!.census!);
	}
	return censuses;
}

function expectEveryReferenceResolvesInItsMessage(messages: readonly InputRichMessageWithoutUpload[]): void {
	for (const message of messages) {
		const { defined, linked } = footnotesOf(message);
		expect(linked.filter((name) => !defined.has(name))).toEqual([]);
	}
}

/** Story titles ("12. Title") shown in a message, in order. */
function storyTitles(message: InputRichMessageWithoutUpload): string[] {
	return [...richNodes(message.blocks)].filter((node) => node.type === 'details').map((node) => richPlain(node.summary));
}

describe('when the reference issue is rendered as a rich message in the full format', () => {
	it('then it is one message Telegram accepts, holding every story once, and every citation resolves to a footnote in it', async () => {
		const messages = renderIssueRich(reference, 'full', { botUsername: 'digest_test_bot' });
		expect(messages).toHaveLength(1);
		const [census] = await sendAll(messages);
		expect(census!.blocks).toBeLessThanOrEqual(500);
		expect(census!.characters).toBeLessThanOrEqual(32_768);
		expect(storyTitles(messages[0]!)).toEqual(reference.issue.stories.map((story) => `${story.number}. ${story.title}`));
		const { defined, linked } = footnotesOf(messages[0]!);
		expect(linked.length).toBeGreaterThan(50);
		expect(new Set(linked)).toEqual(defined);
		expectEveryReferenceResolvesInItsMessage(messages);
	});

	it('then the issue title is the heading, sections are headings, top stories are open with why it matters quoted, and the others are folded', () => {
		const [message] = renderIssueRich(reference, 'full');
		const blocks = message!.blocks!;
		expect(blocks[0]).toMatchObject({ type: 'heading', size: 1 });
		expect(richPlain((blocks[0] as { text: unknown }).text)).toBe(`${reference.issue.title} · Mar 3, 2026`);
		const sectionHeadings = blocks.filter((block) => block.type === 'heading' && block.size === 2).map((block) => richPlain((block as { text: unknown }).text));
		expect(sectionHeadings).toEqual(reference.issue.sections.map((section) => section.title));
		const stories = blocks.filter((block) => block.type === 'details');
		for (const [index, story] of stories.entries()) {
			const expected = reference.issue.stories[index]!;
			expect(story.is_open === true).toBe(expected.top);
			if (expected.whyItMatters) expect(outline([story.blocks[0]])[0]).toMatch(/^> Why it matters:/);
		}
		expect(stories.filter((story) => story.is_open).length).toBe(4);
	});

	it('then "[7, 8]" in story 2 links footnotes 7 and 8 of that story, each linking the source it names', () => {
		const [message] = renderIssueRich(reference, 'full');
		const story = message!.blocks!.filter((block) => block.type === 'details')[1]!;
		const nodes = [...richNodes(story)];
		const references = nodes.filter((node) => node.type === 'reference');
		const seven = references.find((node) => richPlain(node.text).startsWith('7. '))!;
		expect(nodes.some((node) => node.type === 'reference_link' && node.reference_name === seven.name && richPlain(node.text) === '7')).toBe(true);
		const sourceSeven = reference.issue.sources.find((source) => source.number === 7)!;
		expect([...richNodes(seven)].find((node) => node.type === 'url')).toMatchObject({ url: sourceSeven.url });
		expect(references.map((node) => richPlain(node.text).split('.')[0])).toEqual(['7', '8', '9', '10']);
	});

	it('then the footer carries the date and a deep link that opens the issue in the bot', () => {
		const [message] = renderIssueRich(reference, 'full', { botUsername: 'digest_test_bot' });
		const footer = message!.blocks!.at(-1)!;
		expect(footer.type).toBe('footer');
		expect(richPlain((footer as { text: unknown }).text)).toBe('AI High Signal Digest · Mar 3, 2026 · t.me/digest_test_bot');
		expect([...richNodes(footer)].find((node) => node.type === 'url')).toMatchObject({ url: 'https://t.me/digest_test_bot?start=2026-03-03-s1' });
	});

	it('then the top and headlines formats are one message each with the story buttons', async () => {
		for (const format of ['top', 'headlines'] as const) {
			const messages = renderIssueRich(reference, format);
			expect(messages).toHaveLength(1);
			await sendAll(messages);
			const buttons = messages[0]!.blocks!.filter((block) => block.type === 'buttons').flatMap((block) => block.buttons);
			expect(buttons.map((button) => 'callback_data' in button && button.callback_data)).toEqual(['c1 issue 2026-03-03', 'c1 story 1 2026-03-03', 'c1 story 2 2026-03-03', 'c1 story 3 2026-03-03']);
		}
	});

	it('then a reader skimming it sees this (abbreviated)', () => {
		const [message] = renderIssueRich(reference, 'full', { botUsername: 'digest_test_bot' });
		const lines = outline(message!.blocks!, 56);
		const excerpt = [...lines.slice(0, 18), '…', ...lines.slice(lines.findIndex((line) => line.startsWith('## Research')), lines.findIndex((line) => line.startsWith('## Research')) + 3), '…', lines.at(-1)];
		expect(excerpt.join('\n')).toMatchInlineSnapshot(`
			"# Qwen 3.5 small models go multimodal-on-edge as U.S. AI …
			A packed cycle led by Alibaba’s Qwen 3.5 small multimod…
			## Top Stories
			▾ 1. Qwen 3.5 “small” models push multimodal + long-conte…
			  > Why it matters: The latest open(-ish) model drop isn’t …
			  Alibaba Qwen released the Qwen 3.5 Small Model Series (…
			  A technical breakdown highlights Gated DeltaNet hybrid …
			  Practical distribution signal: Qwen 3.5 small is alread…
			  Sources
			  - [^c1-1] 1. X post by @Alibaba_Qwen
			  - [^c1-2] 2. X post by @LiorOnAI
			  - [^c1-3] 3. X post by @ollama
			  - [^c1-4] 4. X post by @Alibaba_Qwen
			  - [^c1-5] 5. X post by @lmstudio
			  - [^c1-6] 6. X post by @Alibaba_Qwen
			▾ 2. U.S. government AI procurement escalates: Treasury e…
			  > Why it matters: “AI policy” is being expressed through …
			  - U.S. Treasury said it is terminating all use of Anthrop…
			…
			## Research & Innovation
			Why it matters: This cycle’s research signal clusters a…
			▸ 5. Reverse-engineering Apple’s Neural Engine (ANE) for …
			…
			— AI High Signal Digest · Mar 3, 2026 · t.me/digest_test_…"
		`);
	});
});

describe('when an issue of 60 KB is rendered', () => {
	it('then it splits at section boundaries into as few messages as the limits allow, each accepted on its own', async () => {
		const markdown = largeDigest();
		expect(Buffer.byteLength(markdown)).toBeGreaterThanOrEqual(60_000);
		const archived = (await archiveWith(markdown)).latest()!;
		const messages = renderIssueRich(archived, 'full', { botUsername: 'digest_test_bot' });
		expect(messages.length).toBeGreaterThan(1);
		await sendAll(messages);
		expectEveryReferenceResolvesInItsMessage(messages);
		// Nothing lost, nothing twice, in reading order.
		expect(messages.flatMap(storyTitles)).toEqual(archived.issue.stories.map((story) => `${story.number}. ${story.title}`));
		for (const [index, message] of messages.entries()) {
			const blocks = message.blocks!;
			if (index > 0) expect(blocks[0]).toMatchObject({ type: 'heading', size: 2 });
			expect(richPlain((blocks.at(-1) as { text: unknown }).text)).toContain(` · ${index + 1}/${messages.length} · `);
			// As few as fit: the next message's first section would have broken a limit here.
			const next = messages[index + 1];
			if (!next) continue;
			const nextSection = next.blocks!.slice(0, next.blocks!.findIndex((block, at) => at > 0 && block.type === 'heading'));
			const joined = checkRichMessage({ blocks: [...blocks, ...nextSection] });
			expect('error' in joined ? joined.error : 'accepted').toMatch(/too many blocks|too long/);
		}
	});

	it('then a story too large for one message splits into parts, each carrying the footnotes its citations point to', async () => {
		const long: StoryFixture = { title: 'An enormous story', why: 'Size.', text: Array.from({ length: 60 }, (_, index) => `Paragraph ${index} has words enough [${index + 1}]`).join(' ') };
		const archived = (await archiveWith(buildDigest({ title: 'Tiny limits', top: [long], sections: { Other: [{ title: 'Small one', cites: [61] }] }, sources: 61 }))).latest()!;
		const limits = { blocks: 40, characters: 900, depth: 16 };
		const messages = renderIssueRich(archived, 'full', { limits });
		expect(messages.length).toBeGreaterThan(2);
		const censuses = await sendAll(messages);
		for (const census of censuses) {
			expect(census.blocks).toBeLessThanOrEqual(limits.blocks);
			expect(census.characters).toBeLessThanOrEqual(limits.characters);
		}
		expectEveryReferenceResolvesInItsMessage(messages);
		const parts = messages.flatMap(storyTitles).filter((title) => title.startsWith('1. An enormous story'));
		expect(parts.length).toBeGreaterThan(1);
		expect(parts.at(-1)).toBe(`1. An enormous story (${parts.length}/${parts.length})`);
		expect(messages.flatMap((message) => footnotesOf(message).linked).length).toBe(61);
	});
});
