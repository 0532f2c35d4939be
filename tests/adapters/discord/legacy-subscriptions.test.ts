import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyvSubscriptionStore, type SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import type { FakeChannel } from '../../fakes/discord-guild.js';
import type { FakeInteraction } from '../../fakes/discord-server.js';
import { createHarness } from '../../delivery/delivery-harness.js';
import { fakeToken, startHarness, type Harness } from './discord-harness.js';

const answerOf = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

describe('a Discord subscription stored by the code that still said guild-channel and guildId', () => {
	let keyv: Keyv;
	let harness: Harness;
	let store: SubscriptionStore;
	let news: FakeChannel;
	let delivery: DiscordDelivery | undefined;

	beforeAll(async () => {
		keyv = new Keyv();
		store = createKeyvSubscriptionStore(keyv);
		harness = await startHarness({
			subscriptions: store,
			prepare(fake) {
				news = fake.guild.addChannel('news');
			},
		});
		// The record exactly as the old store wrote it, under the store's own keys.
		const id = `discord:${news.id}`;
		await keyv.set(`subscription:${id}`, {
			id,
			platform: 'discord',
			chatId: news.id,
			kind: 'guild-channel',
			guildId: harness.fake.identity.guildId,
			format: 'headlines',
			createdBy: harness.fake.identity.userId,
			createdAt: '2026-11-01T08:00:00.000Z',
			status: 'active',
		});
		await keyv.set('subscriptions:active', [id]);
	});
	afterAll(async () => {
		delivery?.stop();
		await harness?.stop();
	});

	it('when the server is listed, then the old record is in it under the neutral names', async () => {
		expect(await store.listFor({ platform: 'discord', communityId: harness.fake.identity.guildId })).toMatchObject([{ chatId: news.id, kind: 'community-channel', communityId: harness.fake.identity.guildId }]);
	});

	it('when anyone sends /subscriptions in the server, then the old subscription shows as a mention of its channel', async () => {
		const interaction = harness.fake.slashCommand('subscriptions');
		const answer = await harness.fake.waitFor('the list', () => answerOf(interaction));
		expect(answer.content).toContain(`<#${news.id}>`);
		expect(answer.content).toContain('since 2026-11-01');
	});

	it('when an issue is broadcast, then the old subscription receives it', async () => {
		delivery = createDiscordDelivery({ token: fakeToken, apiRoot: harness.fake.apiRoot });
		const broadcast = await createHarness(keyv, delivery.transport, { platforms: ['discord'] });
		try {
			await broadcast.broadcast();
		} finally {
			await broadcast.stop();
		}
		expect(harness.fake.messagesIn(news.id).length).toBeGreaterThan(0);
	});

	it('when the old record is written again, then only the new names are stored', async () => {
		await store.update(`discord:${news.id}`, { format: 'top' });
		const raw: unknown = await keyv.get(`subscription:discord:${news.id}`);
		expect(raw).toMatchObject({ kind: 'community-channel', communityId: harness.fake.identity.guildId, format: 'top' });
		expect(raw).not.toHaveProperty('guildId');
	});
});
