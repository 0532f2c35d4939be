import { ChannelType, DiscordAPIError, RateLimitError, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isComponentsV2Flag } from '../../../adapters/discord/components-v2/v2-limits.js';
import { crosspostsPerHour } from '../../fakes/discord-forums.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';
import { fakeToken } from './discord-harness.js';

/**
 * The fake Discord's forum posts and crossposts, through the real discord.js REST client: what
 * the Discord rendering issue's forum and announcement deliveries will be tested against.
 */
describe('the fake Discord takes forum posts and crossposts as Discord does', () => {
	let fake: FakeDiscordServer;
	let rest: REST;
	const card = { flags: isComponentsV2Flag, components: [{ type: 17, components: [{ type: 10, content: '# Issue 12' }] }] };

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		// A 429 is thrown, not waited out: the test sees the bucket.
		rest = new REST({ api: fake.apiRoot, retries: 0, rejectOnRateLimit: () => true }).setToken(fakeToken);
	});
	afterAll(async () => {
		await fake?.close();
	});

	const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (caught: unknown) => caught);

	it('when a post with a V2 card and one of the forum’s tags is started, then it becomes a thread whose first message is the card', async () => {
		const forum = fake.guild.addForum('digests', ['Research', 'Policy']);
		const research = forum.tags?.[0]?.id ?? '';
		const thread = (await rest.post(Routes.threads(forum.id), { body: { name: 'Issue 12', applied_tags: [research], message: card } })) as { id: string; parent_id: string; applied_tags: string[] };
		expect(thread.parent_id).toBe(forum.id);
		expect(thread.applied_tags).toEqual([research]);
		const [first] = fake.messagesIn(thread.id);
		expect(first?.id).toBe(thread.id);
		expect(first?.flags).toBe(isComponentsV2Flag);
	});

	it('when a post names a tag the forum lacks, has a 101-character title or an invalid card, or a message is sent to the forum itself, then Discord’s refusal comes back', async () => {
		const forum = fake.guild.addForum('more-digests', ['Research']);
		const cases = [
			rest.post(Routes.threads(forum.id), { body: { name: 'Issue', applied_tags: ['123456789012345678'], message: card } }),
			rest.post(Routes.threads(forum.id), { body: { name: 'x'.repeat(101), message: card } }),
			rest.post(Routes.threads(forum.id), { body: { name: 'Issue', message: { ...card, content: 'both' } } }),
		];
		for (const attempt of cases) expect(((await refusal(attempt)) as DiscordAPIError).code).toBe(50035);
		expect(((await refusal(rest.post(Routes.channelMessages(forum.id), { body: card }))) as DiscordAPIError).code).toBe(50008);
	});

	it('when an announcement channel crossposts more than ten messages in an hour, then the eleventh meets a 429 and nothing is crossposted twice', async () => {
		const news = fake.guild.addChannel('announcements', ChannelType.GuildAnnouncement);
		const ids: string[] = [];
		for (let index = 0; index <= crosspostsPerHour; index += 1) ids.push(((await rest.post(Routes.channelMessages(news.id), { body: card })) as { id: string }).id);
		for (const id of ids.slice(0, crosspostsPerHour)) await rest.post(Routes.channelMessageCrosspost(news.id, id));
		expect(await refusal(rest.post(Routes.channelMessageCrosspost(news.id, ids.at(-1) ?? '')))).toBeInstanceOf(RateLimitError);
		expect(fake.crossposts.countFor(news.id)).toBe(crosspostsPerHour);
		const other = fake.guild.addChannel('other-announcements', ChannelType.GuildAnnouncement);
		const { id } = (await rest.post(Routes.channelMessages(other.id), { body: card })) as { id: string };
		await rest.post(Routes.channelMessageCrosspost(other.id, id));
		expect(((await refusal(rest.post(Routes.channelMessageCrosspost(other.id, id)))) as DiscordAPIError).code).toBe(40033);
	});

	it('when a message of an ordinary text channel is crossposted, then Discord refuses the channel type', async () => {
		const text = fake.guild.addChannel('general');
		const { id } = (await rest.post(Routes.channelMessages(text.id), { body: card })) as { id: string };
		expect(((await refusal(rest.post(Routes.channelMessageCrosspost(text.id, id)))) as DiscordAPIError).code).toBe(50024);
	});
});
