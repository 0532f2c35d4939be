import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import { issueContent } from '../../../src/present/issue-content.js';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { managerPermissions, type FakeChannel } from '../../fakes/discord-guild.js';
import type { FakeInteraction } from '../../fakes/discord-server.js';
import { startHarness, type Harness } from './discord-harness.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';

/** The final text of an answer: the deferred reply once it was edited. */
const answerOf = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

describe('discord /subscribe, /subscriptions and /status against a fake Discord', () => {
	let harness: Harness;
	let store: SubscriptionStore;
	let news: FakeChannel;
	let noEmbeds: FakeChannel;
	let announcements: FakeChannel;
	let thread: FakeChannel;
	let lockedThread: FakeChannel;
	const adminId = '111111111111111111';

	beforeAll(async () => {
		store = createKeyvSubscriptionStore(new Keyv());
		harness = await startHarness({
			subscriptions: store,
			adminIds: [adminId],
			prepare(fake) {
				news = fake.guild.addChannel('news');
				noEmbeds = fake.guild.addChannel('no-embeds');
				fake.guild.denyBot(noEmbeds.id, PermissionFlagsBits.EmbedLinks);
				announcements = fake.guild.addChannel('announcements', ChannelType.GuildAnnouncement);
				thread = fake.guild.addThread(news.id, 'weekly-digest');
				const quiet = fake.guild.addChannel('quiet');
				fake.guild.denyBot(quiet.id, PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.ViewChannel);
				lockedThread = fake.guild.addThread(quiet.id, 'no-bots');
			},
		});
	});
	afterAll(async () => {
		await harness?.stop();
	});

	it('when a member with Manage Channels sends /subscribe channel:#news format:headlines, then #news is stored and the answer names it', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { channel: { channel: news.id }, format: 'headlines' }, { memberPermissions: managerPermissions });
		const answer = await fake.waitFor('the answer', () => answerOf(interaction));
		expect(answer.content).toContain(`<#${news.id}> is now subscribed`);
		expect(await store.getByTarget({ platform: 'discord', chatId: news.id })).toMatchObject({
			kind: 'community-channel',
			communityId: fake.identity.guildId,
			format: 'headlines',
			createdBy: fake.identity.userId,
			status: 'active',
		});
	});

	it('when a member without Manage Channels sends /subscribe, then they alone are told only admins may, and nothing is stored', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { channel: { channel: announcements.id } });
		const answer = await fake.waitFor('the refusal', () => answerOf(interaction));
		expect(interaction.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });
		expect(answer.content).toContain(`Only administrators of <#${announcements.id}>`);
		expect(await store.getByTarget({ platform: 'discord', chatId: announcements.id })).toBeUndefined();
	});

	it('when the bot may not embed links in the target, then the answer names exactly Embed Links and nothing is stored', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { channel: { channel: noEmbeds.id } }, { memberPermissions: managerPermissions });
		const answer = await fake.waitFor('the refusal', () => answerOf(interaction));
		expect(answer.content).toContain(`I can't post in <#${noEmbeds.id}>: I lack the Embed Links permission there.`);
		expect(answer.content).not.toMatch(/View Channel|Send Messages/);
		expect(await store.getByTarget({ platform: 'discord', chatId: noEmbeds.id })).toBeUndefined();
	});

	it('when the bot may neither see a thread nor send in threads there, then the answer names both and nothing is stored', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { channel: { channel: lockedThread.id } }, { memberPermissions: managerPermissions });
		const answer = await fake.waitFor('the refusal', () => answerOf(interaction));
		expect(answer.content).toContain('I lack the View Channel and Send Messages in Threads permissions there');
		expect(await store.getByTarget({ platform: 'discord', chatId: lockedThread.id })).toBeUndefined();
	});

	it('when a Russian-language admin is refused for missing permissions, then the reason and the permission names are Russian', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { channel: { channel: lockedThread.id } }, { memberPermissions: managerPermissions, locale: 'ru' });
		const answer = await fake.waitFor('the refusal', () => answerOf(interaction));
		expect(answer.content).toContain('у меня нет там разрешений «Просматривать канал» и «Отправлять сообщения в ветках»');
		expect(answer.content).not.toMatch(/lack|View Channel/);
	});

	it('when /subscribe is sent inside a thread without a channel, then the thread itself is subscribed by its own id', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { format: 'full' }, fake.inChannel(thread.id, managerPermissions));
		const answer = await fake.waitFor('the answer', () => answerOf(interaction));
		expect(answer.content).toContain(`<#${thread.id}> is now subscribed`);
		expect(await store.getByTarget({ platform: 'discord', chatId: thread.id })).toMatchObject({ kind: 'community-channel', format: 'full', communityId: fake.identity.guildId });
	});

	it('when a user sends /subscribe in a DM with the bot, then that DM is subscribed as a private chat', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscribe', { format: 'top' }, { dm: true });
		const answer = await fake.waitFor('the answer', () => answerOf(interaction));
		expect(answer.content).toContain('This DM is now subscribed');
		const stored = await store.getByTarget({ platform: 'discord', chatId: fake.identity.dmChannelId });
		expect(stored).toMatchObject({ kind: 'private', format: 'top', createdBy: fake.identity.userId });
		expect(stored?.communityId).toBeUndefined();
	});

	it('when anyone sends /subscriptions in the server, then every channel of the server is listed and the DM is not', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('subscriptions');
		const answer = await fake.waitFor('the list', () => answerOf(interaction));
		expect(answer.content).toContain(`<#${news.id}>`);
		expect(answer.content).toContain(`<#${thread.id}>`);
		expect(answer.content).not.toContain('this chat');
		expect(answer.content).not.toContain(noEmbeds.id);
	});

	it('when an admin unsubscribes #news, then it ends and the thread stays subscribed', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('unsubscribe', { channel: { channel: news.id } }, { memberPermissions: managerPermissions });
		await fake.waitFor('the answer', () => answerOf(interaction));
		expect(await store.getByTarget({ platform: 'discord', chatId: news.id })).toBeUndefined();
		expect(await store.getByTarget({ platform: 'discord', chatId: thread.id })).toBeDefined();
	});

	it('when a bot admin sends /status, then it shows the status; when anyone else does, then they are refused', async () => {
		const { fake } = harness;
		expect((fake.commands.get('global') ?? []).find((command) => command.name === 'status')).toMatchObject({ default_member_permissions: '0' });
		const refused = fake.slashCommand('status');
		expect((await fake.waitFor('the refusal', () => answerOf(refused))).content).toContain('Only the administrators of this bot');
		const shown = fake.slashCommand('status', {}, { dm: true, userId: adminId });
		expect((await fake.waitFor('the status', () => answerOf(shown))).content).toContain('No broadcast yet');
	});

	it('when the delivery worker sends through the transport the adapter returns, then the subscribed channel receives the issue in its format', async () => {
		const { fake, adapter, archive } = harness;
		const subscription = await store.getByTarget({ platform: 'discord', chatId: thread.id });
		const issue = archive.latest() as ArchivedIssue;
		if (!subscription || !adapter.transport) throw new Error('expected a subscription and a transport');
		const delivery = { jobId: 'job-1', issueId: issue.issue.id, subscription, attempt: 1, pace: () => Promise.resolve() };
		await sendPost(adapter.transport, delivery, issueContent(issue, subscription.format));
		const posted = fake.messagesIn(thread.id);
		expect(posted.length).toBeGreaterThan(0);
		expect(posted[0]?.content).toContain('Weekly AI Digest');
	});
});
