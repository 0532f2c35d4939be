import { ChannelType, MessageFlags } from 'discord.js';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import { Archive, type ArchivedIssue } from '../../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../../src/archive/issue-store.js';
import type { Block } from '../../../src/content/block.js';
import type { Delivery } from '../../../src/delivery/delivery-transport.js';
import { editChangedParts } from '../../../src/delivery/edit-changed-parts.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';
import { correctionBroadcastId } from '../../../src/delivery/corrections/correction-id.js';
import { createKeyvCorrectionStores } from '../../../src/delivery/corrections/correction-stores.js';
import { sendOrCorrect } from '../../../src/delivery/corrections/deliver-correction.js';
import { issueRevision } from '../../../src/delivery/corrections/issue-changes.js';
import { ingestBytes } from '../../../src/ingest/ingest.js';
import { issueContent } from '../../../src/present/issue-content.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import { buildDigest } from '../../builders/digest-builder.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';
import { fakeToken } from './discord-harness.js';

/** An issue long enough in `full` to take several messages, with two sections. */
const longDigest = buildDigest({
	title: 'Weekly Forum Digest',
	date: '2026-06-01',
	top: [{ title: 'A top story', why: 'It matters.' }],
	sections: {
		Research: Array.from({ length: 12 }, (_, index) => ({ title: `Paper ${index + 1}`, text: `${'Findings worth reading. '.repeat(60)}end.` })),
		'Policy & Regulation': Array.from({ length: 12 }, (_, index) => ({ title: `Rule ${index + 1}`, text: `${'Rules worth knowing. '.repeat(60)}end.` })),
	},
});

function deliveryTo(chatId: string, sectionTags?: boolean): Delivery {
	const subscription: Subscription = {
		id: `discord:${chatId}`,
		platform: 'discord',
		chatId,
		kind: 'community-channel',
		communityId: '123456789012345678',
		format: 'full',
		createdBy: 'admin',
		createdAt: new Date().toISOString(),
		status: 'active',
		...(sectionTags === undefined ? {} : { sectionTags }),
	};
	return { jobId: `job-${chatId}`, issueId: '2026-06-01', subscription, attempt: 1, pace: () => Promise.resolve() };
}

describe('forum and media subscriptions get a post per issue through discord.js and the fake Discord', () => {
	let fake: FakeDiscordServer;
	let delivery: DiscordDelivery;
	let issue: ArchivedIssue;
	let full: Block[];

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot });
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		await ingestBytes(archive, new TextEncoder().encode(longDigest), 'forum.md');
		issue = archive.latest() as ArchivedIssue;
		full = issueContent(issue, 'full');
	});
	afterAll(async () => {
		delivery?.stop();
		await fake?.close();
	});

	it('when a long issue goes to a forum, then one new post titled with the issue carries it: the first message starts the post, the rest are in its thread, and the forum’s matching tag is applied', async () => {
		const forum = fake.guild.addForum('digests', ['Research', 'Off-topic']);
		const sent = await sendPost(delivery.transport, deliveryTo(forum.id), full);
		expect(fake.forumPosts.filter((post) => post.thread.parentId === forum.id)).toHaveLength(1);
		const post = fake.forumPosts.find((candidate) => candidate.thread.parentId === forum.id);
		expect(post?.thread.name).toBe('Weekly Forum Digest');
		expect(post?.appliedTags).toEqual([forum.tags?.find((tag) => tag.name === 'Research')?.id]);
		const thread = post?.thread.id ?? '';
		expect(sent?.chatId).toBe(thread);
		expect(sent?.messages.length).toBeGreaterThan(1);
		expect(sent?.messages[0]?.id).toBe(thread);
		expect(fake.messagesIn(thread).map((message) => message.id)).toEqual(sent?.messages.map((message) => message.id));
		expect(fake.callsTo('POST', new RegExp(`^/channels/${forum.id}/messages$`))).toHaveLength(0);
	});

	it('when cards are on (the default), then a forum post starts with a Components V2 card, and its correction edits that card as a card even after cards were turned off', async () => {
		const cards = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, componentsV2: true });
		try {
			const forum = fake.guild.addForum('card-digests', ['Research']);
			const target = deliveryTo(forum.id);
			const sent = await sendPost(cards.transport, target, full);
			if (!sent) throw new Error('nothing was posted');
			const [first] = fake.messagesIn(sent.chatId);
			expect(first?.flags).toBe(MessageFlags.IsComponentsV2);
			expect(first?.content ?? '').toBe('');
			const [, ...rest] = full;
			const corrected: Block[] = [{ type: 'heading', level: 1, spans: [{ text: 'Weekly Forum Digest (corrected)' }] }, ...rest];
			// `delivery` posts with cards off: the post's own kind wins, as the V2 flag cannot be removed.
			expect((await editChangedParts(delivery.transport, target, sent, corrected)).edited).toBe(1);
			const [edited] = fake.messagesIn(sent.chatId);
			expect(edited?.flags).toBe(MessageFlags.IsComponentsV2);
			expect(JSON.stringify(edited?.components)).toContain('(corrected)');
		} finally {
			cards.stop();
		}
	});

	it('when a media channel is subscribed, then its issue becomes a post there too', async () => {
		const media = fake.guild.addForum('media-digests', [], ChannelType.GuildMedia);
		await sendPost(delivery.transport, deliveryTo(media.id), issueContent(issue, 'headlines'));
		expect(fake.forumPosts.filter((post) => post.thread.parentId === media.id)).toHaveLength(1);
	});

	it('when a forum post’s issue is corrected, then the post’s first message is edited in its thread and no new post starts', async () => {
		const forum = fake.guild.addForum('corrected', []);
		const target = deliveryTo(forum.id);
		const sent = await sendPost(delivery.transport, target, full);
		if (!sent) throw new Error('nothing was posted');
		const [heading, ...rest] = full;
		const corrected: Block[] = [{ type: 'heading', level: 1, spans: [{ text: 'Weekly Forum Digest (corrected)' }] }, ...rest];
		expect(heading?.type).toBe('heading');
		const edited = await editChangedParts(delivery.transport, target, sent, corrected);
		expect(edited.edited).toBe(1);
		const [first] = fake.messagesIn(sent.chatId);
		expect(first?.id).toBe(sent.chatId);
		expect(first?.edits).toBe(1);
		expect(JSON.stringify([first?.content, first?.embeds, first?.components])).toContain('(corrected)');
		expect(fake.forumPosts.filter((post) => post.thread.parentId === forum.id)).toHaveLength(1);
	});

	it('when a forum post cannot be edited into the correction, then the correction notice is posted in the post’s thread, not as a new post', async () => {
		const forum = fake.guild.addForum('noticed', []);
		const target = deliveryTo(forum.id);
		const stores = createKeyvCorrectionStores(new Keyv());
		const posted = await sendOrCorrect(delivery.transport, target, issueContent(issue, 'headlines'), issue, { kind: 'post', issueId: issue.issue.id }, stores);
		if (!posted) throw new Error('nothing was posted');
		const revision = issueRevision(issue.issue);
		// The full issue takes more messages than the headlines post had: it cannot be edited in, so a notice is posted.
		await sendOrCorrect(delivery.transport, target, full, issue, { kind: 'correction', issueId: issue.issue.id, revision, broadcastId: correctionBroadcastId(issue.issue.id, revision) }, stores);
		expect(fake.forumPosts.filter((post) => post.thread.parentId === forum.id)).toHaveLength(1);
		expect(fake.messagesIn(posted.chatId)).toHaveLength(posted.messages.length + 1);
		expect(JSON.stringify(fake.messagesIn(posted.chatId).at(-1))).toContain('Correction');
	});

	it('when a forum lacks tags for the issue’s sections and tags are off, then the post carries none and no tag is created', async () => {
		const forum = fake.guild.addForum('untagged', ['Unrelated']);
		await sendPost(delivery.transport, deliveryTo(forum.id, false), full);
		expect(fake.forumPosts.find((post) => post.thread.parentId === forum.id)?.appliedTags).toEqual([]);
		expect(fake.callsTo('PATCH', new RegExp(`^/channels/${forum.id}$`))).toHaveLength(0);
		expect(fake.guild.channels.get(forum.id)?.tags?.map((tag) => tag.name)).toEqual(['Unrelated']);
	});

	it('when tags are on, then the missing section tags are created, existing ones kept, and the post carries them', async () => {
		const forum = fake.guild.addForum('tag-me', ['Research']);
		const research = forum.tags?.[0]?.id;
		await sendPost(delivery.transport, deliveryTo(forum.id, true), full);
		const tags = fake.guild.channels.get(forum.id)?.tags ?? [];
		// Every section of the issue has its tag now; the forum's own kept its id.
		expect(tags.map((tag) => tag.name).sort()).toEqual(issue.issue.sections.map((section) => section.title).sort());
		expect(tags.find((tag) => tag.name === 'Research')?.id).toBe(research);
		const applied = fake.forumPosts.find((post) => post.thread.parentId === forum.id)?.appliedTags ?? [];
		expect([...applied].sort()).toEqual(tags.map((tag) => tag.id).sort());
		// A second issue finds them: nothing more is created.
		await sendPost(delivery.transport, deliveryTo(forum.id, true), issueContent(issue, 'full'));
		expect(fake.callsTo('PATCH', new RegExp(`^/channels/${forum.id}$`))).toHaveLength(1);
	});
});
