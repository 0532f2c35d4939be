import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordDelivery, type DiscordDelivery } from '../../adapters/discord/discord-delivery-transport.js';
import { Archive, type ArchivedIssue } from '../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { correctionBroadcastId } from '../../src/delivery/corrections/correction-id.js';
import { createKeyvCorrectionStores } from '../../src/delivery/corrections/correction-stores.js';
import { sendOrCorrect } from '../../src/delivery/corrections/deliver-correction.js';
import { issueRevision } from '../../src/delivery/corrections/issue-changes.js';
import type { Delivery } from '../../src/delivery/delivery-transport.js';
import { createContentCache } from '../../src/delivery/deliver-job.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { issueContent } from '../../src/present/issue-content.js';
import type { Subscription } from '../../src/subscriptions/subscription.js';
import { buildDigest } from '../builders/digest-builder.js';
import { FakeDiscordServer } from '../fakes/discord-server.js';
import { textOf } from '../helpers/archive-fixture.js';
import { fakeToken } from '../adapters/discord/discord-harness.js';

/** An issue whose `full` takes several messages, so a one-message post cannot be edited into it. */
const longDigest = buildDigest({
	title: 'Weekly Forum Digest',
	date: '2026-06-01',
	top: [{ title: 'A top story', why: 'It matters.' }],
	sections: { Research: Array.from({ length: 12 }, (_, index) => ({ title: `Paper ${index + 1}`, text: `${'Findings worth reading. '.repeat(60)}end.` })) },
});

function deliveryTo(chatId: string, format: Subscription['format']): Delivery {
	const subscription: Subscription = { id: `discord:${chatId}~alpha-weekly`, platform: 'discord', chatId, kind: 'community-channel', communityId: '123456789012345678', format, createdBy: 'admin', createdAt: new Date().toISOString(), status: 'active', publication: 'alpha-weekly' };
	return { jobId: `job-${chatId}`, issueId: '2026-06-01', subscription, attempt: 1, pace: () => Promise.resolve() };
}

describe('when the bot serves several publications and posts to a Discord forum through discord.js and the fake Discord', () => {
	let fake: FakeDiscordServer;
	let delivery: DiscordDelivery;
	let issue: ArchivedIssue;
	const named = (archived: ArchivedIssue, format: Subscription['format']) => issueContent(archived, format, undefined, translatorFor(), 'Alpha Weekly');

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot });
		const archive = new Archive(createKeyvIssueStore(new Keyv()));
		await ingestBytes(archive, new TextEncoder().encode(longDigest), 'forum.md');
		issue = archive.latest() as ArchivedIssue;
	});
	afterAll(async () => {
		delivery?.stop();
		await fake?.close();
	});

	it('then the post’s heading and its forum thread are named after the publication', async () => {
		const forum = fake.guild.addForum('alpha', []);
		const content = createContentCache(() => 'Alpha Weekly')(issue, deliveryTo(forum.id, 'headlines').subscription);
		expect(textOf(content).split(' · ')[0]).toBe('Alpha Weekly: Weekly Forum Digest');
		const stores = createKeyvCorrectionStores(new Keyv());
		const posted = await sendOrCorrect(delivery.transport, deliveryTo(forum.id, 'headlines'), content, issue, { kind: 'post', issueId: issue.issue.id }, stores);
		expect(fake.forumPosts.find((post) => post.thread.parentId === forum.id)?.thread.name).toBe('Alpha Weekly: Weekly Forum Digest');

		// A correction that cannot be edited in (the full issue is longer) is a notice that names the publication too.
		const revision = issueRevision(issue.issue);
		await sendOrCorrect(delivery.transport, deliveryTo(forum.id, 'full'), named(issue, 'full'), issue, { kind: 'correction', issueId: issue.issue.id, revision, broadcastId: correctionBroadcastId(issue.issue.id, revision) }, stores, undefined, 'Alpha Weekly');
		expect(JSON.stringify(fake.messagesIn(posted!.chatId).at(-1))).toContain('Correction to Alpha Weekly: Weekly Forum Digest');
	});

	it('then an issue already titled with its publication’s name is not named twice', () => {
		expect(textOf(issueContent(issue, 'top', undefined, translatorFor(), 'Weekly Forum')).split(' · ')[0]).toBe('Weekly Forum Digest');
	});
});
