import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { managerPermissions, type FakeChannel } from '../../fakes/discord-guild.js';
import type { FakeInteraction } from '../../fakes/discord-server.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';
import { startHarness, type Harness } from './discord-harness.js';

const answerOf = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

describe('discord /subscribe and /settings tags in forum and media channels, against a fake Discord', () => {
	let harness: Harness;
	let store: SubscriptionStore;
	let forum: FakeChannel;
	let media: FakeChannel;
	let closedForum: FakeChannel;
	let tagForum: FakeChannel;

	beforeAll(async () => {
		store = createKeyvSubscriptionStore(new Keyv());
		harness = await startHarness({
			subscriptions: store,
			prepare(fake) {
				forum = fake.guild.addForum('digest-forum', ['Research']);
				media = fake.guild.addForum('digest-media', [], ChannelType.GuildMedia);
				closedForum = fake.guild.addForum('no-replies', []);
				fake.guild.denyBot(closedForum.id, PermissionFlagsBits.SendMessagesInThreads);
				tagForum = fake.guild.addForum('tagged', []);
				fake.guild.addChannel('cached-news', ChannelType.GuildAnnouncement);
				tagForum.overwrites.push({ id: fake.identity.botUserId, type: 1, allow: String(PermissionFlagsBits.ManageThreads), deny: '0' });
			},
		});
	});
	afterAll(async () => {
		await harness?.stop();
	});

	const run = async (name: string, options: Parameters<Harness['fake']['slashCommand']>[1] = {}) => {
		const interaction = harness.fake.slashCommand(name, options, { memberPermissions: managerPermissions });
		return (await harness.fake.waitFor(`the answer to /${name}`, () => answerOf(interaction))).content ?? '';
	};

	it('when an admin subscribes a forum and a media channel, then both are stored and /subscriptions lists them', async () => {
		expect(await run('subscribe', { channel: { channel: forum.id } })).toContain(`<#${forum.id}> is now subscribed`);
		expect(await run('subscribe', { channel: { channel: media.id }, format: 'full' })).toContain(`<#${media.id}> is now subscribed`);
		expect(await store.getByTarget({ platform: 'discord', chatId: forum.id })).toMatchObject({ status: 'active', kind: 'community-channel' });
		const listed = await run('subscriptions', {});
		expect(listed).toContain(`<#${forum.id}>`);
		expect(listed).toContain(`<#${media.id}>`);
	});

	it('when an admin sends /subscribe inside a forum’s post without naming a channel, then the forum is subscribed, not that post', async () => {
		const forumPost = harness.fake.guild.addThread(media.id, 'a post');
		const interaction = harness.fake.slashCommand('subscribe', {}, { memberPermissions: managerPermissions, channel: { id: forumPost.id, type: ChannelType.PublicThread, name: forumPost.name, parent_id: media.id } });
		const answer = (await harness.fake.waitFor('the answer', () => answerOf(interaction))).content ?? '';
		expect(answer).toContain(`<#${media.id}>`);
		expect(await store.getByTarget({ platform: 'discord', chatId: forumPost.id })).toBeUndefined();
	});

	it('when the bot may start posts in a forum but not write in them, then the answer names Send Messages in Threads alone and nothing is stored', async () => {
		const answer = await run('subscribe', { channel: { channel: closedForum.id } });
		expect(answer).toContain(`I can't post in <#${closedForum.id}>: I lack the Send Messages in Threads permission there.`);
		expect(answer).not.toMatch(/View Channel|Embed Links|Manage Threads/);
		expect(await store.getByTarget({ platform: 'discord', chatId: closedForum.id })).toBeUndefined();
	});

	it('when an admin turns tags on where the bot lacks Manage Threads, then the answer names Manage Threads and the setting stays off; turning it off needs nothing', async () => {
		const refused = await run('settings', { format: 'tags', sections: 'on', channel: { channel: forum.id } });
		expect(refused).toContain('I lack the Manage Threads permission there');
		expect((await store.getByTarget({ platform: 'discord', chatId: forum.id }))?.sectionTags).toBeUndefined();
		expect(await run('settings', { format: 'tags', sections: 'off', channel: { channel: forum.id } })).toContain('I create none');
		expect((await store.getByTarget({ platform: 'discord', chatId: forum.id }))?.sectionTags).toBe(false);
	});

	it('when an admin turns tags on where the bot has Manage Threads, then the subscription keeps it', async () => {
		await run('subscribe', { channel: { channel: tagForum.id } });
		expect(await run('settings', { format: 'tags', sections: 'on', channel: { channel: tagForum.id } })).toContain('I create the tags the forum lacks');
		expect((await store.getByTarget({ platform: 'discord', chatId: tagForum.id }))?.sectionTags).toBe(true);
	});

	it('when the running adapter posts to a forum and an announcement channel its gateway knows, then it asks Discord nothing about them first', async () => {
		const { fake, adapter } = harness;
		const transport = adapter.transport;
		if (!transport) throw new Error('the adapter has no transport');
		const news = [...fake.guild.channels.values()].find((channel) => channel.type === ChannelType.GuildAnnouncement);
		for (const channel of [forum, ...(news ? [news] : [])]) {
			const subscription = { id: `discord:${channel.id}`, platform: 'discord' as const, chatId: channel.id, kind: 'community-channel' as const, format: 'headlines' as const, createdBy: 'admin', createdAt: new Date().toISOString(), status: 'active' as const };
			const delivery = { jobId: `job-${channel.id}`, issueId: 'x', subscription, attempt: 1, pace: () => Promise.resolve() };
			await sendPost(transport, delivery, [{ type: 'heading', level: 1, spans: [{ text: 'Cached Issue' }] }, { type: 'paragraph', spans: [{ text: 'Hello.' }] }]);
			expect(fake.callsTo('GET', new RegExp(`^/channels/${channel.id}$`))).toHaveLength(0);
		}
		expect(fake.forumPosts.find((post) => post.thread.parentId === forum.id)?.thread.name).toBe('Cached Issue');
		expect(await transport.followUp?.pending({ jobId: 'j', issueId: 'x', subscription: { id: 'discord:n', platform: 'discord', chatId: news?.id ?? '', kind: 'community-channel', format: 'headlines', createdBy: 'admin', createdAt: '', status: 'active' }, attempt: 1, pace: () => Promise.resolve() }, { chatId: news?.id ?? '', messages: [{ id: '1', digest: 'd' }] })).toHaveLength(1);
	});

	it('when tags are set to neither on nor off, then the answer shows the usage and nothing changes', async () => {
		expect(await run('settings', { format: 'tags', sections: 'maybe', channel: { channel: tagForum.id } })).toContain('/settings tags on|off');
		expect((await store.getByTarget({ platform: 'discord', chatId: tagForum.id }))?.sectionTags).toBe(true);
	});
});
