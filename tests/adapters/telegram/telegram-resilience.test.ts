import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../fakes/telegram-bot-api.js';
import { botReplies, fastTuning, groupChat, newUser, privateChat, startHarness, type Harness } from './telegram-harness.js';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('telegram adapter: Telegram errors', () => {
	it('when Telegram answers 429 with retry_after then the reply is sent again after the wait and arrives', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendMessage', { status: 429, retryAfter: 1 });
		harness.fake.postText(chat, '/story 3', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toMatch(/^3\. /);
		const attempts = harness.fake.callsTo('sendMessage').filter((call) => call.params.chat_id === chat.id);
		expect(attempts.map((call) => call.errorCode ?? 200)).toEqual([429, 200]);
		expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
	});

	it('when Telegram answers 502 once then the reply is retried and arrives', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendMessage', { status: 502 });
		harness.fake.postText(chat, '/help', { from: user });
		await harness.fake.waitFor(() => harness.fake.botMessages(chat.id).length > 0, 10_000);
		expect(harness.fake.callsTo('sendMessage').filter((call) => call.params.chat_id === chat.id).map((call) => call.errorCode ?? 200)).toEqual([502, 200]);
	}, 15_000);

	it('when the user has blocked the bot then the failure is logged as such and other chats are still answered', async () => {
		const blocked = newUser();
		const blockedChat = privateChat(blocked);
		harness.fake.addChat(blockedChat);
		harness.fake.blockChat(blockedChat.id);
		harness.fake.postText(blockedChat, '/top', { from: blocked });
		const other = newUser();
		harness.fake.postText(privateChat(other), '/help', { from: other });
		await botReplies(harness.fake, other.id);
		expect(harness.logs.some((line) => line.msg === 'telegram refused the chat')).toBe(true);
	});

	it('when sending the answer fails for good then the error is logged with the update id and the user gets an apology', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendMessage', { status: 400, description: 'Bad Request: something unexpected' });
		harness.fake.postText(chat, '/story 3', { from: user });
		const [apology] = await botReplies(harness.fake, chat.id);
		expect(apology!.text).toMatch(/^Sorry, something went wrong on my side/);
		const logged = harness.logs.find((line) => line.msg === 'update failed');
		expect(logged?.updateId).toEqual(expect.any(Number));
		expect(JSON.stringify(logged)).toContain('something unexpected');
		// The bot keeps serving.
		harness.fake.postText(chat, '/help', { from: user });
		await harness.fake.waitFor(() => harness.fake.botMessages(chat.id).length === 2);
	});

	it('when an answer is slow then "typing" is shown while it is produced', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.inject('sendMessageDraft', { delayMs: 600 });
		harness.fake.postText(chat, '/story 3', { from: user });
		await botReplies(harness.fake, chat.id);
		const typing = harness.fake.callsTo('sendChatAction').filter((call) => call.params.chat_id === chat.id);
		expect(typing.map((call) => call.params.action)).toContain('typing');
	});

	it('when nothing goes wrong then the token never appears in the log', () => {
		expect(harness.rawLog()).not.toContain(fakeToken);
		expect(harness.rawLog()).not.toContain(fakeToken.split(':')[1]);
	});
});

describe('telegram adapter: hostile input', () => {
	it('when /search <b> is sent then the answer quotes it literally and Telegram accepts it', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, '/search <b>', { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toContain('<b>');
		expect(harness.fake.calls.filter((call) => call.params.chat_id === chat.id && !call.ok)).toEqual([]);
	});

	it('when an argument is 10,000 characters long then the bot refuses it briefly instead of echoing it', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, `/search ${'<i>&amp;'.repeat(1250)}`, { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toMatch(/too long/);
		expect(message!.text.length).toBeLessThan(300);
	});

	it('when a command name is absurd then it is answered as unknown without echoing all of it', async () => {
		const user = newUser();
		const chat = privateChat(user);
		harness.fake.postText(chat, `/${'x'.repeat(64)}`, { from: user });
		const [message] = await botReplies(harness.fake, chat.id);
		expect(message!.text).toMatch(/I don't know the command/);
	});
});

describe('telegram adapter: flood protection', () => {
	let limited: Harness;
	beforeAll(async () => {
		limited = await startHarness({ tuning: { ...fastTuning, rateLimit: { limit: 3, windowMs: 5_000 } } });
	});
	afterAll(() => limited.close());

	it('when a user floods the bot then the first commands are answered and one friendly notice follows, once', async () => {
		const user = newUser();
		const chat = privateChat(user);
		for (let index = 0; index < 8; index += 1) limited.fake.postText(chat, '/help', { from: user });
		await limited.fake.waitFor(() => limited.fake.botMessages(chat.id).length >= 4);
		await limited.fake.settle(300);
		const texts = limited.fake.botMessages(chat.id).map((message) => message.text);
		expect(texts.filter((text) => text.startsWith('Commands'))).toHaveLength(3);
		expect(texts.filter((text) => /faster than I can read/.test(text))).toHaveLength(1);
		// Another user is not affected.
		const other = newUser();
		limited.fake.postText(privateChat(other), '/help', { from: other });
		await limited.fake.waitFor(() => limited.fake.botMessages(other.id).length === 1);
	});

	it('when a group chats without addressing the bot then nobody is rate-limited and the next command is answered', async () => {
		const user = newUser();
		const group = groupChat();
		for (let index = 0; index < 6; index += 1) limited.fake.postText(group, `just chatting ${index}`, { from: user });
		for (let index = 0; index < 6; index += 1) limited.fake.inlineQuery(user, `q${index}`);
		limited.fake.postText(group, '/help', { from: user });
		await limited.fake.waitFor(() => limited.fake.botMessages(group.id).length === 1);
		await limited.fake.settle(200);
		expect(limited.fake.botMessages(group.id).map((message) => message.text)).toEqual([expect.stringMatching(/^Commands/)]);
	});
});
