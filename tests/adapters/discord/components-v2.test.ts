import { DiscordAPIError, REST } from 'discord.js';
import { Routes, type APIComponentInContainer, type APIContainerComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedIssue } from '../../../src/archive/archive.js';
import type { Block } from '../../../src/content/block.js';
import { issueContent } from '../../../src/present/issue-content.js';
import { decodeCustomId } from '../../../adapters/discord/custom-id.js';
import { componentsV2Limits, isComponentsV2Flag } from '../../../adapters/discord/components-v2/v2-limits.js';
import type { V2Message } from '../../../adapters/discord/components-v2/v2-message.js';
import { packComponentsV2 } from '../../../adapters/discord/components-v2/v2-packer.js';
import { buildDigest } from '../../builders/digest-builder.js';
import { archiveWith, referenceArchive } from '../../helpers/archive-fixture.js';
import { snowflake } from '../../fakes/discord-payloads.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';
import { fakeToken } from './discord-harness.js';

/** Every component of a message, nested ones included, depth first. */
function flatten(components: readonly (APIContainerComponent | APIComponentInContainer)[]): Record<string, unknown>[] {
	return components.flatMap((component) => {
		const record = component as unknown as Record<string, unknown>;
		const children = Array.isArray(record.components) ? (record.components as APIComponentInContainer[]) : [];
		const accessory = record.accessory ? [record.accessory as Record<string, unknown>] : [];
		return [record, ...flatten(children), ...accessory];
	});
}

function textOf(message: V2Message): string {
	return flatten(message.components)
		.flatMap((component) => (component.type === 10 ? [String(component.content)] : []))
		.join('\n');
}

/** The smallest number of messages any packing could use: by text and by component count. */
function lowerBound(messages: readonly V2Message[]): number {
	const text = messages.reduce((sum, message) => sum + textOf(message).length, 0);
	const components = messages.reduce((sum, message) => sum + flatten(message.components).length, 0);
	return Math.max(Math.ceil(text / componentsV2Limits.text), Math.ceil(components / componentsV2Limits.components));
}

describe('Components V2 issue posts against a fake Discord that checks every V2 rule', () => {
	let fake: FakeDiscordServer;
	let rest: REST;
	let reference: ArchivedIssue;

	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		rest = new REST({ api: fake.apiRoot, retries: 0 }).setToken(fakeToken);
		reference = (await referenceArchive()).latest() as ArchivedIssue;
	});
	afterAll(async () => {
		await fake?.close();
	});

	/** Posts each message with the real discord.js REST client; the fake refuses what Discord would. */
	async function post(messages: readonly V2Message[]): Promise<string> {
		const channelId = snowflake();
		for (const message of messages) await rest.post(Routes.channelMessages(channelId), { body: message });
		return channelId;
	}

	it('when the reference issue is posted in full, then every message is accepted, carries no content or embeds, and they are as few as the limits allow', async () => {
		const messages = packComponentsV2(issueContent(reference, 'full'));
		const channelId = await post(messages);
		const stored = fake.messagesIn(channelId);
		expect(stored).toHaveLength(messages.length);
		for (const message of stored) {
			expect(message.flags & isComponentsV2Flag).toBe(isComponentsV2Flag);
			expect(message.content).toBe('');
			expect(message.embeds).toEqual([]);
		}
		expect(messages.length).toBeLessThanOrEqual(lowerBound(messages) + 1);
	});

	it('when the reference issue is posted, then every story has a "Read story N" button beside its title that opens that story', () => {
		const messages = packComponentsV2(issueContent(reference, 'full'));
		const sections = messages.flatMap((message) => flatten(message.components)).filter((component) => component.type === 9);
		const stories = reference.issue.stories;
		expect(sections).toHaveLength(stories.length);
		sections.forEach((section, index) => {
			const accessory = section.accessory as { label: string; custom_id: string };
			const story = stories[index];
			expect(accessory.label).toBe(`Story ${story?.number}`);
			expect(decodeCustomId(accessory.custom_id)).toMatchObject({ command: 'story', args: [String(story?.number), reference.issue.id] });
			const title = (section.components as { content: string }[])[0]?.content ?? '';
			expect(title.replace(/\\/g, "")).toContain(story?.title.slice(0, 20));
		});
	});

	it('when an issue of about 60 KB is posted, then it splits into valid messages that keep every story, in order', async () => {
		const digest = buildDigest({
			title: 'A very long issue',
			top: Array.from({ length: 60 }, (_, index) => ({ title: `Story ${index + 1} about something`, why: 'Because it changes things.', text: 'Many words about it. '.repeat(45), cites: [1, 2] })),
			sources: 2,
		});
		expect(digest.length).toBeGreaterThan(60_000);
		const issue = (await archiveWith(digest)).latest() as ArchivedIssue;
		const messages = packComponentsV2(issueContent(issue, 'full'));
		await post(messages);
		const text = messages.map(textOf).join('\n');
		const positions = issue.issue.stories.map((story) => text.indexOf(story.title));
		expect(positions.every((position) => position >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(messages.length).toBeLessThanOrEqual(lowerBound(messages) + 2);
	});

	it('when blocks would overflow every limit at once, then the packer still never produces a message Discord refuses', async () => {
		const blocks: Block[] = [
			{ type: 'heading', level: 1, spans: [{ text: 'Limits' }] },
			...Array.from({ length: 30 }, (_, index): Block => ({ type: 'heading', level: 2, spans: [{ text: `Section ${index}` }] })),
			...Array.from({ length: 12 }, (): Block => ({ type: 'actions', actions: Array.from({ length: 7 }, (_, index) => ({ label: `Button ${index} ${'x'.repeat(90)}`, command: 'top', args: [] })) })),
			{ type: 'paragraph', spans: [{ text: 'words that go on '.repeat(600) }] },
		];
		const messages = packComponentsV2(blocks);
		await post(messages);
		expect(messages.length).toBeGreaterThan(1);
	});
});

describe('the fake Discord refuses what Discord refuses in a V2 message', () => {
	let fake: FakeDiscordServer;
	let rest: REST;
	beforeAll(async () => {
		fake = await FakeDiscordServer.start({ token: fakeToken });
		rest = new REST({ api: fake.apiRoot, retries: 0 }).setToken(fakeToken);
	});
	afterAll(async () => {
		await fake?.close();
	});

	const text = (content: string) => ({ type: 10, content });
	const container = (children: object[]) => ({ type: 17, components: children });
	const refusals: [string, Record<string, unknown>][] = [
		['content beside the flag', { flags: isComponentsV2Flag, content: 'hello', components: [container([text('a')])] }],
		['embeds beside the flag', { flags: isComponentsV2Flag, embeds: [{ title: 'x' }], components: [container([text('a')])] }],
		['eleven top-level components', { flags: isComponentsV2Flag, components: Array.from({ length: 11 }, () => text('a')) }],
		['forty-one components', { flags: isComponentsV2Flag, components: Array.from({ length: 5 }, () => container(Array.from({ length: 8 }, () => text('a')))) }],
		['4,001 characters of text', { flags: isComponentsV2Flag, components: [container([text('a'.repeat(2000)), text('b'.repeat(2001))])] }],
		['a section without an accessory', { flags: isComponentsV2Flag, components: [container([{ type: 9, components: [text('a')] }])] }],
		['a text display without the flag', { components: [text('a')] }],
		['six buttons in a row', { flags: isComponentsV2Flag, components: [{ type: 1, components: Array.from({ length: 6 }, (_, index) => ({ type: 2, style: 2, label: 'b', custom_id: `b${index}` })) }] }],
	];

	it.each(refusals)('when a message has %s, then it is refused with Invalid Form Body', async (_, body) => {
		const error = await rest.post(Routes.channelMessages(snowflake()), { body }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DiscordAPIError);
		expect((error as DiscordAPIError).code).toBe(50035);
	});

	it('when a sent V2 message is edited to drop the flag, or an old message to gain it, then the edit is refused', async () => {
		const channelId = snowflake();
		const v2 = (await rest.post(Routes.channelMessages(channelId), { body: { flags: isComponentsV2Flag, components: [container([text('a')])] } })) as { id: string };
		const old = (await rest.post(Routes.channelMessages(channelId), { body: { content: 'plain' } })) as { id: string };
		for (const [id, flags] of [[v2.id, 0], [old.id, isComponentsV2Flag]] as const) {
			const error = await rest.patch(Routes.channelMessage(channelId, id), { body: { flags, components: [container([text('b')])] } }).catch((caught: unknown) => caught);
			expect((error as DiscordAPIError).code).toBe(50035);
		}
	});
});
