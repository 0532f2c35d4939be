import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isComponentsV2Flag } from '../../../adapters/discord/components-v2/v2-limits.js';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-id.js';
import { allButtons, allComponents, cardText, createMessage } from '../../fakes/discord-messages.js';
import type { FakeInteraction, FakeMessage } from '../../fakes/discord-server.js';
import { startFakeLlm, type FakeLlm } from '../../fakes/openai-server.js';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import { sendPost } from '../../../src/delivery/post-sequence.js';
import { issueContent } from '../../../src/present/issue-content.js';
import type { Subscription } from '../../../src/subscriptions/subscription.js';
import { createDiscordDelivery } from '../../../adapters/discord/discord-delivery-transport.js';
import { fakeToken, startHarness, type Harness } from './discord-harness.js';

const chunks = ['Qwen released ', 'small models for coding. ', ...Array.from({ length: 40 }, (_, index) => `More detail ${index + 1} about the release. `), 'The end.'];

let llm: FakeLlm;
let harness: Harness;
beforeAll(async () => {
	llm = await startFakeLlm({ script: { chunks }, charsPerSecond: 400 });
	// Production pacing (one edit a second) and the production kind of answer (DISCORD_COMPONENTS_V2=on).
	harness = await startHarness({
		adapter: { editIntervalMs: 1000, firstBlockWaitMs: 1000 },
		env: { DISCORD_COMPONENTS_V2: 'on', LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '100' },
	});
});
afterAll(async () => {
	await harness?.stop();
	await llm?.close();
});

const answered = (interaction: FakeInteraction) => (interaction.original?.edits ?? 0) > 0 && interaction.original;

/** A card as a reader sees it: a V2 message of containers, with no content and no embeds. */
function expectCard(message: FakeMessage): void {
	expect(message.flags & isComponentsV2Flag).toBe(isComponentsV2Flag);
	expect(message.content).toBe('');
	expect(message.embeds).toEqual([]);
	expect(message.components.length).toBeGreaterThan(0);
	expect(message.components.every((component) => component.type === 17)).toBe(true);
}

/** The buttons inside the card's containers (not in a row below it), decoded. */
function buttonsInside(message: Pick<FakeMessage, 'components'>) {
	const inside = message.components.filter((component) => component.type === 17);
	return allButtons({ components: inside }).map((button) => ({ ...button, action: decodeCustomId(button.customId) }));
}

describe('discord answers as Components V2 cards (DISCORD_COMPONENTS_V2=on)', () => {
	it('when a reader asks /story 3, then it is one card with the title, why it matters, the text, Sources as links and previous / sources / next inside', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 3 });
		const card = await fake.waitFor('/story 3', () => answered(story));
		expectCard(card);
		const text = cardText(card);
		expect(text).toContain('Open weights');
		expect(text).toContain('Anyone can run them.');
		expect(text).toContain('Labs released');
		expect(text).toContain('-# **Sources**');
		expect(text).toContain('-# [1] [Source 1](<https://example.com/s/1>)');
		const buttons = buttonsInside(card);
		expect(buttons.map((button) => [button.action?.mode, button.action?.command, button.action?.args[0]])).toEqual([
			['edit', 'story', '2'],
			['reply', 'sources', '3'],
			['edit', 'story', '4'],
		]);
		// Story 3's own answer offers no "Read story 3" beside itself.
		expect(allComponents(card.components).some((component) => component.type === 9)).toBe(false);
	});

	it('when a reader asks /top, then every story has a "Read story N" button beside its title that opens it', async () => {
		const { fake } = harness;
		const top = fake.slashCommand('top');
		const card = await fake.waitFor('/top', () => answered(top));
		expectCard(card);
		expect(cardText(card)).toContain('Top stories');
		const accessories = allComponents(card.components)
			.filter((component) => component.type === 9)
			.map((section) => section.accessory as { label: string; custom_id: string });
		expect(accessories.map((button) => button.label)).toEqual(['Story 1', 'Story 2', 'Story 3', 'Story 4', 'Story 5']);
		expect(accessories.map((button) => decodeCustomId(button.custom_id)?.args[0])).toEqual(['1', '2', '3', '4', '5']);
	});

	it('when a reader asks /latest or /since, then the answer is a card too', async () => {
		const { fake } = harness;
		const latest = fake.slashCommand('latest');
		const latestCard = await fake.waitFor('/latest', () => answered(latest));
		expectCard(latestCard);
		expect(cardText(latestCard)).toContain('Chips get cheaper');
		expect(allButtons(latestCard).length).toBeGreaterThan(0);
		// This reader has seen the latest issue by now: /since says so, in a card.
		const since = fake.slashCommand('since');
		const sinceCard = await fake.waitFor('/since', () => answered(since));
		expectCard(sinceCard);
		expect(cardText(sinceCard)).toContain('up to date');
	});

	it('when a reader presses "Read story 2" beside a story in an issue post, then story 2 comes as a card of its own and the post is untouched', async () => {
		const { fake, archive } = harness;
		const issue = archive.latest() as ArchivedIssue;
		const delivery = createDiscordDelivery({ token: fakeToken, apiRoot: fake.apiRoot, componentsV2: true });
		const channelId = fake.identity.channelId;
		const subscription: Subscription = { id: `discord:${channelId}`, platform: 'discord', chatId: channelId, kind: 'community-channel', communityId: fake.identity.guildId, format: 'top', createdBy: 'admin', createdAt: new Date().toISOString(), status: 'active' };
		try {
			await sendPost(delivery.transport, { jobId: 'job', issueId: issue.issue.id, subscription, attempt: 1, pace: async () => {} }, issueContent(issue, 'top'));
		} finally {
			delivery.stop();
		}
		const [post] = fake.messagesIn(channelId);
		expectCard(post!);
		const readStory2 = allComponents(post!.components)
			.filter((component) => component.type === 9)
			.map((section) => section.accessory as { label: string; custom_id: string })
			.find((button) => button.label === 'Story 2');
		const press = fake.pressButton(post!, readStory2!.custom_id);
		const card = await fake.waitFor('story 2', () => answered(press));
		expect(press.callbacks[0]?.type).toBe(5);
		expectCard(card);
		expect(cardText(card)).toContain('Models get smaller');
		expect(post!.edits).toBe(0);
	});

	it('when the reader presses next on a story card, then the card itself turns to the next story and stays a card', async () => {
		const { fake } = harness;
		const story = fake.slashCommand('story', { number: 3 });
		const card = await fake.waitFor('/story 3', () => answered(story));
		const next = buttonsInside(card).find((button) => button.action?.args[0] === '4');
		const press = fake.pressButton(card, next!.customId);
		await fake.waitFor('the card turned to story 4', () => cardText(card).includes('Robots learn chores'));
		expect(press.callbacks[0]?.type).toBe(6);
		expectCard(card);
		expect(press.followUps).toHaveLength(0);
	});

	it('when a reader presses next on an answer sent before cards (content and embeds), then that message pages as embeds, since its kind cannot change', async () => {
		const { fake } = harness;
		const customId = encodeCustomId({ label: 'Next', command: 'story', args: ['2'] }, 'edit') as string;
		const old = createMessage(fake.identity.channelId, { embeds: [{ title: '1\\. Chips get cheaper' }], components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Next', custom_id: customId }] }] });
		const press = fake.pressButton(old, customId);
		await fake.waitFor('the old message edited', () => old.edits > 0);
		expect(press.callbacks[0]?.type).toBe(6);
		expect(old.flags & isComponentsV2Flag).toBe(0);
		expect((old.embeds[0] as { title: string }).title).toContain('Models get smaller');
	});

	it('when a story does not exist, then the reader alone sees the failure, as a card', async () => {
		const { fake } = harness;
		const missing = fake.slashCommand('story', { number: 99 });
		const card = await fake.waitFor('/story 99', () => answered(missing));
		expect(missing.callbacks[0]?.data?.flags).toBe(64);
		expectCard(card);
		expect(cardText(card)).toContain('There is no story 99');
	});

	it('when /ask streams, then the card is edited about once a second with a Stop button inside it, and ends complete without Stop', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('ask', { question: 'what did Qwen release?' });
		const stopInside = (edit: Pick<FakeMessage, 'components'>) => buttonsInside(edit).some((button) => button.customId.startsWith('d1|s|'));
		const final = await fake.waitFor('the complete answer', () => cardText(interaction.original).includes('The end.') && !stopInside(interaction.original!) && interaction.original, 20_000);
		expect(interaction.callbacks[0]?.type).toBe(5);
		expectCard(final);
		const history = final.history;
		expect(history.length).toBeGreaterThanOrEqual(3);
		// The last edit goes out at once; the ones while it is written are a second apart.
		for (let index = 1; index < history.length - 1; index += 1) expect(history[index]!.at - history[index - 1]!.at).toBeGreaterThanOrEqual(900);
		expect(history.slice(0, -1).every(stopInside)).toBe(true);
		const texts = history.map((edit) => cardText(edit));
		expect(new Set(texts).size).toBeGreaterThanOrEqual(3);
		expect(texts.at(-1)).toContain('Qwen released small models for coding.');
	});

	it('when the reader presses the Stop inside the card, then the answer stops, keeps what was written marked stopped, and the button is gone', async () => {
		const { fake } = harness;
		const interaction = fake.slashCommand('ask', { question: 'what did Qwen release?' });
		const stop = await fake.waitFor('text with a Stop button', () => cardText(interaction.original).includes('Qwen') && buttonsInside(interaction.original!).find((button) => button.customId.startsWith('d1|s|')), 15_000);
		fake.pressButton(interaction.original!, stop.customId);
		await fake.waitFor('the stopped card', () => cardText(interaction.original).includes('Stopped') && !buttonsInside(interaction.original!).some((button) => button.customId.startsWith('d1|s|')), 10_000);
		expect(cardText(interaction.original)).not.toContain('The end.');
		expectCard(interaction.original!);
	});
});

describe('discord answers with DISCORD_COMPONENTS_V2=off', () => {
	let off: Harness;
	beforeAll(async () => {
		off = await startHarness({ env: { DISCORD_COMPONENTS_V2: 'off' } });
	});
	afterAll(() => off?.stop());

	it('when a reader asks /story 3 or /top, then the answers are content and embeds as before cards, without the V2 flag', async () => {
		const { fake } = off;
		const story = fake.slashCommand('story', { number: 3 });
		const storyMessage = await fake.waitFor('/story 3', () => answered(story));
		expect(storyMessage.flags & isComponentsV2Flag).toBe(0);
		expect(storyMessage.embeds).toHaveLength(1);
		expect(storyMessage.components.every((component) => component.type === 1)).toBe(true);
		const top = fake.slashCommand('top');
		const topMessage = await fake.waitFor('/top', () => answered(top));
		expect(topMessage.flags & isComponentsV2Flag).toBe(0);
		expect(topMessage.content).toContain('Top stories');
	});
});
