import type { Chat, InputRichMessageWithoutUpload } from 'grammy/types';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RichSupport } from '../../../../adapters/telegram/rich/rich-support.js';
import { renderIssueRich } from '../../../../adapters/telegram/rich/issue-rich-message.js';
import { createTelegramDeliveryTransport, type RichRefusal } from '../../../../adapters/telegram/telegram-delivery-transport.js';
import { renderReply } from '../../../../adapters/telegram/telegram-renderer.js';
import type { ArchivedIssue } from '../../../../src/archive/archive.js';
import type { Block } from '../../../../src/content/block.js';
import { editChangedParts } from '../../../../src/delivery/edit-changed-parts.js';
import { sendPost } from '../../../../src/delivery/post-sequence.js';
import { issueContent } from '../../../../src/present/issue-content.js';
import { buildDigest, type DigestFixture } from '../../../builders/digest-builder.js';
import { FakeTelegramBotApi, fakeToken, type RecordedCall } from '../../../fakes/telegram-bot-api.js';
import { archiveWith, referenceArchive } from '../../../helpers/archive-fixture.js';
import { deliveryTo } from '../telegram-delivery-fixture.js';
import { largeDigest } from './large-digest.js';
import { footnotesOf, richNodes, richPlain } from './rich-outline.js';

const botUsername = 'digest_test_bot';
/** An issue with a typo in a top story's title, and the same issue with it fixed. */
const firstRevision: DigestFixture = { title: 'Correction Digest', date: '2026-06-01', top: [{ title: 'Chips get cheaper', why: 'Everyone pays less.' }, { title: 'Rules get striter', why: 'Labs must file reports.' }], sections: { Research: [{ title: 'A new benchmark' }] } };
const typoFixed: DigestFixture = { ...firstRevision, top: [{ title: 'Chips get cheaper', why: 'Everyone pays less.' }, { title: 'Rules get stricter', why: 'Labs must file reports.' }] };
const forum = { id: -100501, type: 'supergroup', title: 'Forum', is_forum: true } as Chat;
let fake: FakeTelegramBotApi;
let reference: ArchivedIssue;

beforeAll(async () => {
	reference = (await referenceArchive()).latest()!;
});

beforeEach(async () => {
	fake = await FakeTelegramBotApi.start();
	fake.addChat(forum, [9]);
});

afterEach(async () => {
	await fake.close();
});

/** The real transport against the fake, posting rich messages while `richSupport` says so, with the footer of the issues given. */
function transportFor(issues: readonly ArchivedIssue[], richSupport = new RichSupport(), extra: { paidBroadcast?: boolean; onRichRefused?: (refusal: RichRefusal) => void } = {}) {
	return createTelegramDeliveryTransport({ token: fakeToken, apiRoot: fake.apiRoot, richSupport, botUsername, issueOf: (id) => issues.find((archived) => archived.issue.id === id), ...extra });
}

function deliveryOf(archived: ArchivedIssue, paced?: () => void) {
	return { ...deliveryTo(forum, { threadId: 9, paced }), issueId: archived.issue.id };
}

const accepted = (method: string): RecordedCall[] => fake.callsTo(method).filter((call) => call.ok);
const richSent = (): InputRichMessageWithoutUpload[] => accepted('sendRichMessage').map((call) => call.params.rich_message as InputRichMessageWithoutUpload);
const storyTitles = (message: InputRichMessageWithoutUpload): string[] => [...richNodes(message.blocks)].filter((node) => node.type === 'details').map((node) => richPlain(node.summary));
const titlesOf = (archived: ArchivedIssue): string[] => archived.issue.stories.map((story) => `${story.number}. ${story.title}`);

function expectEveryReferenceResolvesInItsMessage(messages: readonly InputRichMessageWithoutUpload[]): void {
	for (const message of messages) {
		const { defined, linked } = footnotesOf(message);
		expect(linked.filter((name) => !defined.has(name))).toEqual([]);
	}
}

describe('when the reference issue is posted in the full format to a server that speaks rich messages', () => {
	it('then the topic gets one rich message, valid, equal to the issue rendered rich, in the topic, marked paid when set, and no text message', async () => {
		const content = issueContent(reference, 'full');
		const sent = await sendPost(transportFor([reference], new RichSupport(), { paidBroadcast: true }), deliveryOf(reference), content);
		const calls = accepted('sendRichMessage');
		expect(calls).toHaveLength(1);
		expect(calls[0]!.params).toMatchObject({ message_thread_id: 9, allow_paid_broadcast: true });
		expect(richSent()).toEqual(renderIssueRich(reference, 'full', { botUsername }));
		expect(storyTitles(richSent()[0]!)).toEqual(titlesOf(reference));
		expectEveryReferenceResolvesInItsMessage(richSent());
		expect(fake.callsTo('sendMessage')).toHaveLength(0);
		expect(sent?.messages).toHaveLength(1);
	});
});

describe('when an issue of 60 KB is posted', () => {
	it('then it goes as several valid rich messages, paced between them, every story once and in order, every footnote reference resolving in its own message', async () => {
		const archived = (await archiveWith(largeDigest())).latest()!;
		let paced = 0;
		const sent = await sendPost(transportFor([archived]), deliveryOf(archived, () => (paced += 1)), issueContent(archived, 'full'));
		const messages = richSent();
		expect(messages.length).toBeGreaterThan(1);
		expect(fake.callsTo('sendRichMessage').every((call) => call.ok)).toBe(true);
		expect(paced).toBe(messages.length - 1);
		expect(sent?.messages.map((message) => message.id)).toEqual(accepted('sendRichMessage').map((_, index) => String(fake.botMessages(forum.id)[index]!.message_id)));
		expect(messages.flatMap(storyTitles)).toEqual(titlesOf(archived));
		expectEveryReferenceResolvesInItsMessage(messages);
		for (const [index, message] of messages.entries()) expect(richPlain((message.blocks!.at(-1) as { text: unknown }).text)).toContain(` · ${index + 1}/${messages.length} · `);
	});
});

describe('when a rich post is corrected', () => {
	it('then the rich message is edited in place with rich_message, only when its rendering changed', async () => {
		const before = (await archiveWith(buildDigest(firstRevision))).latest()!;
		const after = (await archiveWith(buildDigest(typoFixed))).latest()!;
		const transport = transportFor([before]);
		const posted = (await sendPost(transport, deliveryOf(before), issueContent(before, 'full')))!;
		const corrected = transportFor([after]);
		const edited = await editChangedParts(corrected, deliveryOf(after), posted, issueContent(after, 'full'));
		expect(edited.edited).toBe(1);
		const edits = fake.callsTo('editMessageText');
		expect(edits).toHaveLength(1);
		expect(edits[0]!.params).toMatchObject({ message_id: Number(posted.messages[0]!.id) });
		expect(edits[0]!.params.text).toBeUndefined();
		const [message] = fake.botMessages(forum.id);
		expect(storyTitles(message!.rich_message as InputRichMessageWithoutUpload)).toContain('2. Rules get stricter');
		expect(fake.botMessages(forum.id)).toHaveLength(1);
		// Corrected again to the same text: nothing changed, nothing is edited.
		const again = await editChangedParts(corrected, deliveryOf(after), edited.post, issueContent(after, 'full'));
		expect(again.edited).toBe(0);
		expect(fake.callsTo('editMessageText')).toHaveLength(1);
	});

	it('then a post made as text before rich messages is edited as text, never turned rich', async () => {
		const before = (await archiveWith(buildDigest(firstRevision))).latest()!;
		const after = (await archiveWith(buildDigest(typoFixed))).latest()!;
		const posted = (await sendPost(transportFor([before], new RichSupport(false)), deliveryOf(before), issueContent(before, 'full')))!;
		expect(fake.callsTo('sendMessage')).toHaveLength(1);
		const edited = await editChangedParts(transportFor([after]), deliveryOf(after), posted, issueContent(after, 'full'));
		expect(edited.edited).toBe(1);
		const [edit] = fake.callsTo('editMessageText');
		expect(edit!.params.rich_message).toBeUndefined();
		expect(String(edit!.params.text)).toContain('Rules get stricter');
	});
});

describe('when the Bot API server is older than rich messages', () => {
	it('then the first post meets one refusal and goes as today’s text messages, nothing lost, and later posts skip the rich attempt', async () => {
		fake.speakRichMessages(false);
		const richSupport = new RichSupport();
		const refusals: RichRefusal[] = [];
		const transport = transportFor([reference], richSupport, { onRichRefused: (refusal) => refusals.push(refusal) });
		const content = issueContent(reference, 'full');
		let paced = 0;
		const sent = await sendPost(transport, deliveryOf(reference, () => (paced += 1)), content);
		expect(fake.callsTo('sendRichMessage').map((call) => call.errorCode)).toEqual([404]);
		expect(richSupport.enabled).toBe(false);
		expect(refusals).toEqual([{ chatId: String(forum.id), serverLacksRich: true, description: 'Not Found: method not found' }]);
		const today = renderReply(content).parts.map((part) => part.text);
		expect(today.length).toBeGreaterThan(2);
		expect(accepted('sendMessage').map((call) => call.params.text)).toEqual(today);
		expect(accepted('sendMessage').every((call) => call.params.message_thread_id === 9)).toBe(true);
		expect(paced).toBe(today.length - 1);
		expect(sent?.messages.map((message) => message.id)).toEqual(fake.botMessages(forum.id).map((message) => String(message.message_id)));
		await sendPost(transport, deliveryOf(reference), content);
		expect(fake.callsTo('sendRichMessage')).toHaveLength(1);
		expect(accepted('sendMessage')).toHaveLength(today.length * 2);
	});

	it('then a part refused after an earlier one went rich sends only the rest as text: every story once', async () => {
		const archived = (await archiveWith(largeDigest())).latest()!;
		// The first rich message is accepted; the second is refused for this chat's own reason.
		fake.inject('sendRichMessage', { delayMs: 1 }, { status: 400, description: 'Bad Request: rich message content refused' });
		const richSupport = new RichSupport();
		const sent = await sendPost(transportFor([archived], richSupport), deliveryOf(archived), issueContent(archived, 'full'));
		expect(richSupport.enabled).toBe(true);
		const [first] = richSent();
		expect(richSent()).toHaveLength(1);
		const inRich = storyTitles(first!);
		const text = accepted('sendMessage').map((call) => String(call.params.text)).join('\n');
		const titles = titlesOf(archived);
		const inText = titles.filter((title) => text.includes(title));
		expect([...inRich, ...inText]).toEqual(titles);
		expect(sent?.messages).toHaveLength(1 + accepted('sendMessage').length);
	});
});

describe('when an issue has a heading longer than any rich message', () => {
	it('then it goes as text messages at once, without a refused rich attempt', async () => {
		const content: Block[] = [{ type: 'heading', level: 1, spans: [{ text: 'x'.repeat(40_000) }] }];
		await sendPost(transportFor([reference]), deliveryOf(reference), content);
		expect(fake.callsTo('sendRichMessage')).toHaveLength(0);
		expect(accepted('sendMessage').length).toBeGreaterThan(1);
	});
});
