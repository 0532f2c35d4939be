import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import type { Block, CardBlock } from '../../../src/content/block.js';
import type { Delivery, SentPost } from '../../../src/delivery/delivery-transport.js';
import { editChangedParts } from '../../../src/delivery/edit-changed-parts.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';
import { issueContent } from '../../../src/present/issue-content.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import { componentsV2Limits, isComponentsV2Flag } from '../../../adapters/discord/components-v2/v2-limits.js';
import { packComponentsV2 } from '../../../adapters/discord/components-v2/v2-packer.js';
import { createDiscordDelivery, type DiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import { renderBlocks } from '../../../adapters/discord/discord-renderer.js';
import { referenceArchive } from '../../helpers/archive-fixture.js';
import { allComponents, cardText, type FakeMessage } from '../../fakes/discord-messages.js';
import { snowflake } from '../../fakes/discord-payloads.js';
import { apiErrorResponse, FakeDiscordServer } from '../../fakes/discord-server.js';
import { DeliveryError } from '../../../src/errors/delivery-error.js';
import { fakeToken } from './discord-harness.js';

function deliveryTo(chatId: string, issueId: string): Delivery {
	const subscription: Subscription = { id: `discord:${chatId}`, platform: 'discord', chatId, kind: 'community-channel', communityId: '123456789012345678', format: 'full', createdBy: 'admin', createdAt: new Date().toISOString(), status: 'active' };
	return { jobId: `job-${chatId}`, issueId, subscription, attempt: 1, pace: async () => {} };
}

/** The issue with one story's title corrected (same length, so the post keeps its number of messages). */
function withCorrectedTitle(content: readonly Block[], title: string): { content: Block[]; corrected: string } {
	const corrected = title.toUpperCase();
	return { content: content.map((block) => (block.type === 'card' && block.title.endsWith(title) ? ({ ...block, title: block.title.replace(title, corrected) } satisfies CardBlock) : block)), corrected };
}

/** What the cards of a channel read, Markdown escapes dropped. */
function readCards(messages: readonly FakeMessage[]): string {
	return messages.map(cardText).join('\n').replace(/\\/g, '');
}

describe('Discord issue posts as Components V2 cards, and corrections in their own kind', () => {
	let fake: FakeDiscordServer;
	let v2: DiscordDelivery;
	let embeds: DiscordDelivery;
	let reference: ArchivedIssue;
	let full: Block[];

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		v2 = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, componentsV2: true });
		embeds = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, componentsV2: false });
		reference = (await referenceArchive()).latest() as ArchivedIssue;
		full = issueContent(reference, 'full');
	});
	afterAll(async () => {
		v2?.stop();
		embeds?.stop();
		await fake?.close();
	});

	const patches = (channelId: string) => fake.callsTo('PATCH', new RegExp(`^/channels/${channelId}/messages/`)).map((call) => call.body as Record<string, unknown>);

	it('when the reference issue is posted with V2 on, then it arrives as V2 messages only, one per part, within the limits, every story in order', async () => {
		const channelId = snowflake();
		const sent = (await sendPost(v2.transport, deliveryTo(channelId, reference.issue.id), full)) as SentPost;
		const messages = fake.messagesIn(channelId);
		expect(messages).toHaveLength(packComponentsV2(full).length);
		expect(sent.messages.map((message) => message.id)).toEqual(messages.map((message) => message.id));
		for (const message of messages) {
			expect(message.flags).toBe(isComponentsV2Flag);
			expect(message.content).toBe('');
			expect(message.embeds).toEqual([]);
			expect(message.components.length).toBeLessThanOrEqual(componentsV2Limits.topLevel);
			expect(allComponents(message.components).length).toBeLessThanOrEqual(componentsV2Limits.components);
			expect(cardText(message).length).toBeLessThanOrEqual(componentsV2Limits.text);
		}
		const text = readCards(messages);
		const cards = full.flatMap((block) => (block.type === 'card' ? [block.title] : []));
		expect(cards).toHaveLength(reference.issue.stories.length);
		const positions = cards.map((title) => text.indexOf(`### [${title}`) >= 0 ? text.indexOf(`### [${title}`) : text.indexOf(`### ${title}`));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('when DISCORD_COMPONENTS_V2 is off, then the issue is posted as today: content and embeds, no V2 flag', async () => {
		const channelId = snowflake();
		await sendPost(embeds.transport, deliveryTo(channelId, reference.issue.id), full);
		const messages = fake.messagesIn(channelId);
		const today = renderBlocks(full, { maxMessages: 50 });
		expect(messages.map((message) => ({ content: message.content, embeds: message.embeds, flags: message.flags }))).toEqual(today.map((message) => ({ content: message.content, embeds: message.embeds, flags: 0 })));
	});

	it('when a server refuses the first card of a post as an invalid form, then nothing is lost: the post is handed back as transient and its retry, and every later post, goes out as embeds', async () => {
		const refusing = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, componentsV2: true });
		try {
			const channelId = snowflake();
			fake.inject({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), response: apiErrorResponse(400, 50035, 'Invalid Form Body') });
			const delivery = deliveryTo(channelId, reference.issue.id);
			const refused: unknown = await sendPost(refusing.transport, delivery, full).catch((error: unknown) => error);
			expect(refused).toBeInstanceOf(DeliveryError);
			expect((refused as DeliveryError).kind).toBe('transient');
			expect(fake.messagesIn(channelId)).toHaveLength(0);
			await sendPost(refusing.transport, delivery, full);
			const retried = fake.messagesIn(channelId);
			expect(retried).toHaveLength(renderBlocks(full, { maxMessages: 50 }).length);
			expect(retried.every((message) => message.flags === 0 && message.embeds.length + message.content.length > 0)).toBe(true);
			const later = snowflake();
			await sendPost(refusing.transport, deliveryTo(later, reference.issue.id), full);
			expect(fake.messagesIn(later).every((message) => message.flags === 0)).toBe(true);
		} finally {
			refusing.stop();
		}
	});

	it('when a V2 post is corrected, then the changed card is edited as V2 (flag restated, no content or embeds) and shows the correction', async () => {
		const channelId = snowflake();
		const delivery = deliveryTo(channelId, reference.issue.id);
		const posted = (await sendPost(v2.transport, delivery, full)) as SentPost;
		const title = reference.issue.stories[1]!.title;
		const { content, corrected } = withCorrectedTitle(full, title);
		const edited = await editChangedParts(v2.transport, delivery, posted, content);
		expect(edited.edited).toBe(1);
		const bodies = patches(channelId);
		expect(bodies).toHaveLength(1);
		expect(bodies[0]).toMatchObject({ flags: isComponentsV2Flag });
		expect(bodies[0]).not.toHaveProperty('content');
		expect(bodies[0]).not.toHaveProperty('embeds');
		const text = readCards(fake.messagesIn(channelId));
		expect(text).toContain(corrected);
		expect(text).not.toContain(title);
	});

	it('when a post made before V2 (embeds) is corrected with V2 on, then it is edited as embeds, as the message is', async () => {
		const channelId = snowflake();
		const delivery = deliveryTo(channelId, reference.issue.id);
		const posted = (await sendPost(embeds.transport, delivery, full)) as SentPost;
		const title = reference.issue.stories[1]!.title;
		const { content, corrected } = withCorrectedTitle(full, title);
		const edited = await editChangedParts(v2.transport, delivery, posted, content);
		expect(edited.edited).toBe(1);
		const bodies = patches(channelId);
		expect(bodies).toHaveLength(1);
		expect(bodies[0]).not.toHaveProperty('flags');
		expect(bodies[0]).toHaveProperty('embeds');
		const messages: FakeMessage[] = fake.messagesIn(channelId);
		expect(messages.every((message) => message.flags === 0)).toBe(true);
		const titles = messages.flatMap((message) => message.embeds.map((embed) => String(embed.title).replace(/\\/g, '')));
		expect(titles).toContain(`2. ${corrected}`);
		expect(titles).not.toContain(`2. ${title}`);
	});

	it('when a V2 post is corrected with V2 turned off since, then it is still edited as V2', async () => {
		const channelId = snowflake();
		const delivery = deliveryTo(channelId, reference.issue.id);
		const posted = (await sendPost(v2.transport, delivery, full)) as SentPost;
		const { content, corrected } = withCorrectedTitle(full, reference.issue.stories[0]!.title);
		await editChangedParts(embeds.transport, delivery, posted, content);
		expect(patches(channelId)[0]).toMatchObject({ flags: isComponentsV2Flag });
		expect(readCards(fake.messagesIn(channelId))).toContain(corrected);
	});
});
