import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botReplies, buttonLabels, channelChat, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('telegram adapter: start-up', () => {
	it('when the bot starts then it registers the command menu with the descriptions /help uses', () => {
		const [call] = harness.fake.callsTo('setMyCommands');
		const menu = call?.params.commands as { command: string; description: string }[];
		expect(call?.ok).toBe(true);
		expect(menu).toContainEqual({ command: 'story', description: 'Read one story in full' });
		expect(menu).toContainEqual({ command: 'top', description: 'The top stories of the latest issue' });
		expect(menu.map((entry) => entry.command)).not.toContain('start');
	});
});

describe('telegram adapter: private chat', () => {
	const cases: [string, RegExp][] = [
		['/start', /Welcome to the digest bot/],
		['/help', /\/story N \[issue\] — Read one story in full/],
		['/top', /Top stories — AI High Signal Digest/],
		['/latest', /Qwen 3\.5/],
		['/story 3', /^3\. Coding-model speed race intensifies/],
		['/story 99', /There is no story 99 .* Stories are numbered 1–34/],
		['/story abc', /Story number: must be a number such as 3\. Usage: \/story N \[issue\]/],
		['/sources 3', /\[11\] X post by @ah20im/],
		['/issues', /Issues/],
		['/issue 2026-03-03', /Qwen 3\.5/],
		['/search qwen', /Stories matching “qwen”/],
		['/frobnicate', /I don't know the command \/frobnicate\. .*\/help/],
		// Plain text in a private chat is a question for /ask.
		['what did Qwen release?', /Qwen/],
	];

	for (const [command, expected] of cases) {
		it(`when a user sends "${command}" then a live draft is shown and the answer is sent as a final message`, async () => {
			const user = newUser();
			const chat = privateChat(user);
			const draftsBefore = harness.fake.callsTo('sendMessageDraft').length;
			harness.fake.postText(chat, command, { from: user });
			const replies = await botReplies(harness.fake, chat.id);
			const text = replies.map((message) => message.text).join('\n\n');
			expect(text).toMatch(expected);
			const drafts = harness.fake.callsTo('sendMessageDraft').slice(draftsBefore).filter((call) => call.params.chat_id === chat.id);
			expect(drafts.length).toBeGreaterThan(0);
			expect(drafts.every((call) => call.ok)).toBe(true);
			// The draft comes first; the persisted message after it.
			const firstSend = harness.fake.calls.findIndex((call) => call.method === 'sendMessage' && call.params.chat_id === chat.id);
			const firstDraft = harness.fake.calls.findIndex((call) => call.method === 'sendMessageDraft' && call.params.chat_id === chat.id);
			expect(firstDraft).toBeLessThan(firstSend);
			expect(harness.fake.calls.filter((call) => call.params.chat_id === chat.id && !call.ok)).toEqual([]);
		});
	}

	it('when a story is shown then its title links to nothing fake and its citations carry links to the sources', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/story 3', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		const links = message!.entities.filter((entity) => entity.type === 'text_link').map((entity) => ({ text: message!.text.slice(entity.offset, entity.offset + entity.length), url: (entity as { url: string }).url }));
		expect(links).toContainEqual({ text: 'X post by @ah20im', url: 'https://x.com/ah20im' });
		const bold = message!.entities.find((entity) => entity.type === 'bold');
		expect(message!.text.slice(bold!.offset, bold!.offset + bold!.length)).toMatch(/^3\. Coding-model speed race/);
		expect(buttonLabels(message)).toEqual(['◀ Story 2', 'Sources', 'Story 4 ▶']);
	});
});

describe('telegram adapter: groups, topics and channels', () => {
	it('when a command is addressed to this bot in a group then it answers there, quoting the command, without drafts', async () => {
		const user = newUser();
		const group = groupChat();
		const command = harness.fake.postText(group, `/top@${harness.fake.me.username} 3`, { from: user });
		const [message] = await botReplies(harness.fake, group.id);
		expect(message!.text).toMatch(/^Top stories — AI High Signal Digest/);
		const send = harness.fake.callsTo('sendMessage').find((call) => call.params.chat_id === group.id);
		expect(send?.params.reply_parameters).toMatchObject({ message_id: command.message_id });
		expect(harness.fake.callsTo('sendMessageDraft').filter((call) => call.params.chat_id === group.id)).toEqual([]);
	});

	it('when a command without @botname is sent in a group then it is answered too', async () => {
		const group = groupChat();
		harness.fake.postText(group, '/story 3', { from: newUser() });
		const [message] = await botReplies(harness.fake, group.id);
		expect(message!.text).toMatch(/^3\. Coding-model speed race/);
	});

	it('when a command names another bot or a message is not a command then the group hears nothing', async () => {
		const group = groupChat();
		const user = newUser();
		harness.fake.postText(group, '/top@some_other_bot', { from: user });
		harness.fake.postText(group, 'nice digest today', { from: user });
		harness.fake.postText(group, '/help', { from: user });
		const replies = await botReplies(harness.fake, group.id);
		expect(replies).toHaveLength(1);
		expect(replies[0]!.text).toMatch(/^Commands/);
	});

	it('when a command is sent in a forum topic then the answer lands in the same topic', async () => {
		const forum = groupChat({ forum: true });
		harness.fake.postText(forum, '/story 3', { from: newUser(), threadId: 42 });
		const [message] = await botReplies(harness.fake, forum.id);
		expect(message!.message_thread_id).toBe(42);
		expect(message!.text).toMatch(/^3\. Coding-model/);
	});

	it('when a command is posted in a channel then the answer is posted in the channel', async () => {
		const channel = channelChat();
		harness.fake.postText(channel, '/top 2');
		const [message] = await botReplies(harness.fake, channel.id);
		expect(message!.text).toMatch(/^Top stories/);
		expect(harness.fake.callsTo('sendMessageDraft').filter((call) => call.params.chat_id === channel.id)).toEqual([]);
	});
});
