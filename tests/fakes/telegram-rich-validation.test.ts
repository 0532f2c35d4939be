import { Api, GrammyError } from 'grammy';
import type { Chat, InlineQueryResultArticle, InputRichMessageWithoutUpload } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, fakeToken } from './telegram-bot-api.js';
import { checkRichMessage } from './telegram-rich-validation.js';

type InputRichBlock = NonNullable<InputRichMessageWithoutUpload['blocks']>[number];

const paragraph = (text: string): InputRichBlock => ({ type: 'paragraph', text });
const message = (...blocks: InputRichBlock[]): InputRichMessageWithoutUpload => ({ blocks });

/** The refusal the validator gives, or 'accepted'. */
function verdict(rich: unknown, draft = false): string {
	const checked = checkRichMessage(rich, { draft });
	return 'error' in checked ? checked.error : 'accepted';
}

describe('rich message validator', () => {
	it('when a message uses only documented blocks within the limits then it is accepted and counted', () => {
		const rich = message(
			{ type: 'heading', size: 1, text: 'Title' },
			{ type: 'details', summary: 'Story', blocks: [paragraph('body'), { type: 'list', items: [{ blocks: [paragraph('a')] }, { blocks: [paragraph('b')] }] }] },
		);
		const checked = checkRichMessage(rich);
		// heading, details, paragraph, list, 2 items, 2 paragraphs inside them.
		expect(checked).toEqual({ census: expect.objectContaining({ blocks: 8, characters: 'TitleStorybodyab'.length, media: 0 }) });
	});

	it('when a message has 501 blocks counting list items then it is refused, and 500 pass', () => {
		// One list: 1 block + n items + n paragraphs.
		const list = (items: number): InputRichBlock => ({ type: 'list', items: Array.from({ length: items }, () => ({ blocks: [paragraph('x')] })) });
		expect(verdict(message(list(249), paragraph('one more')))).toBe('accepted');
		expect(verdict(message(list(249), paragraph('one more'), paragraph('and another')))).toMatch(/too many blocks \(501 > 500\)/);
	});

	it('when the text is over 32,768 characters then it is refused; astral characters count once each', () => {
		expect(verdict(message(paragraph('x'.repeat(32_768))))).toBe('accepted');
		expect(verdict(message(paragraph('x'.repeat(32_768)), paragraph('y')))).toMatch(/too long/);
		expect(verdict(message(paragraph('😀'.repeat(32_768))))).toBe('accepted');
	});

	it('when blocks and formatting nest past 16 levels then it is refused', () => {
		let text: unknown = 'deep';
		for (let level = 0; level < 15; level += 1) text = { type: 'bold', text };
		expect(verdict(message({ type: 'paragraph', text } as InputRichBlock))).toBe('accepted');
		expect(verdict(message({ type: 'blockquote', blocks: [{ type: 'paragraph', text } as InputRichBlock] }))).toMatch(/too deeply nested/);
	});

	it('when a table row spans more than 20 columns then it is refused', () => {
		const row = (columns: number) => Array.from({ length: columns }, () => ({ text: 'c', align: 'left' as const, valign: 'top' as const }));
		expect(verdict(message({ type: 'table', cells: [row(20)] }))).toBe('accepted');
		expect(verdict(message({ type: 'table', cells: [row(19), [...row(19), { text: 'wide', colspan: 2, align: 'left', valign: 'top' }]] }))).toMatch(/too many table columns \(21 > 20\)/);
	});

	it('when a message carries 51 media then it is refused', () => {
		const photo = { type: 'photo', photo: { type: 'photo', media: 'https://example.com/p.jpg' } } as InputRichBlock;
		expect(verdict(message(...Array.from({ length: 50 }, () => photo)))).toBe('accepted');
		expect(verdict(message(...Array.from({ length: 51 }, () => photo)))).toMatch(/too many media/);
	});

	it('when a footnote reference has no footnote in the message then it is refused', () => {
		const cited = { type: 'paragraph', text: ['Claim ', { type: 'reference_link', text: '7', reference_name: 'n7' }] } as InputRichBlock;
		const footnote = { type: 'paragraph', text: { type: 'reference', name: 'n7', text: 'Source 7' } } as InputRichBlock;
		expect(verdict(message(cited, footnote))).toBe('accepted');
		expect(verdict(message(cited))).toMatch(/reference "n7" is not found/);
		expect(verdict(message(cited, footnote, footnote))).toMatch(/duplicate reference "n7"/);
	});

	it('when a block or rich text type is not documented, or a required field is missing, then it is refused', () => {
		expect(verdict(message({ type: 'marquee', text: 'x' } as unknown as InputRichBlock))).toMatch(/unknown block type "marquee"/);
		expect(verdict(message({ type: 'paragraph', text: { type: 'blink', text: 'x' } } as unknown as InputRichBlock))).toMatch(/unknown rich text type "blink"/);
		expect(verdict(message({ type: 'heading', size: 7, text: 'x' } as unknown as InputRichBlock))).toMatch(/size must be 1-6/);
		expect(verdict(message({ type: 'paragraph', text: { type: 'url', text: 'x' } } as unknown as InputRichBlock))).toMatch(/url is required/);
		expect(verdict(message(paragraph('')))).toMatch(/is empty/);
		expect(verdict({ blocks: [] })).toBe('Bad Request: message text is empty');
		expect(verdict({ blocks: [paragraph('x')], markdown: '*x*' })).toMatch(/exactly one of blocks, html or markdown/);
	});

	it('when buttons are malformed then they are refused the way Telegram names it', () => {
		const row = (buttons: unknown[]) => message({ type: 'buttons', buttons } as unknown as InputRichBlock);
		expect(verdict(row([{ text: 'Story 3', callback_data: 'c1 story 3' }]))).toBe('accepted');
		expect(verdict(row([{ text: 'Long', callback_data: 'x'.repeat(65) }]))).toBe('Bad Request: BUTTON_DATA_INVALID');
		expect(verdict(row([{ text: 'Both', callback_data: 'a', url: 'https://example.com' }]))).toMatch(/exactly one action/);
		expect(verdict(row(Array.from({ length: 9 }, (_, index) => ({ text: `b${index}`, callback_data: `b${index}` }))))).toMatch(/1-8 buttons/);
		expect(verdict(row([{ text: 'Link', url: 'https://example.com', style: 'link' }]))).toMatch(/only for callback buttons/);
	});

	it('when a thinking block is sent as a message then it is refused, and in a draft it is accepted', () => {
		const thinking = message({ type: 'thinking', text: 'Thinking…' });
		expect(verdict(thinking)).toMatch(/only in sendRichMessageDraft/);
		expect(verdict(thinking, true)).toBe('accepted');
	});
});

describe('the fake Bot API with rich messages, through grammY', () => {
	let fake: FakeTelegramBotApi;
	let api: Api;
	const group = { id: -4001, type: 'supergroup', title: 'Readers' } as Chat;
	const reader = { id: 4242, type: 'private', first_name: 'Ada' } as Chat;

	beforeEach(async () => {
		fake = await FakeTelegramBotApi.start();
		api = new Api(fakeToken, { apiRoot: fake.apiRoot });
		fake.addChat(group);
		fake.addChat(reader);
	});

	afterEach(async () => {
		await fake.close();
	});

	it('when a valid rich message is sent then it is stored; an invalid one is a 400 GrammyError with Telegram’s description', async () => {
		const sent = await api.sendRichMessage(group.id, message(paragraph('Hello')));
		expect(sent.message_id).toBeGreaterThan(0);
		expect(fake.botMessages(group.id).at(-1)?.rich_message).toEqual(message(paragraph('Hello')));
		const refused = await api.sendRichMessage(group.id, message({ type: 'paragraph', text: ['x', { type: 'reference_link', text: '1', reference_name: 'gone' }] })).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(GrammyError);
		expect(refused).toMatchObject({ error_code: 400, description: expect.stringMatching(/^Bad Request: can't parse rich message: reference "gone" is not found/) });
	});

	it('when a rich message is edited with rich_message then it reads as the new content; the same content again is "not modified"', async () => {
		const sent = await api.sendRichMessage(group.id, message(paragraph('First')));
		await api.editMessageText(group.id, sent.message_id, message(paragraph('Second')));
		expect(fake.botMessages(group.id).at(-1)?.rich_message).toEqual(message(paragraph('Second')));
		await expect(api.editMessageText(group.id, sent.message_id, message(paragraph('Second')))).rejects.toMatchObject({ description: expect.stringMatching(/message is not modified/) });
	});

	it('when a rich draft streams to a private chat then each is kept; a group is refused', async () => {
		await api.sendRichMessageDraft(reader.id, 7, message({ type: 'thinking', text: 'Thinking…' }), { can_stop: true });
		await api.sendRichMessageDraft(reader.id, 7, message(paragraph('Partial answer')));
		expect(fake.richDraftsIn(reader.id).map((draft) => [draft.draftId, draft.canStop])).toEqual([[7, true], [7, false]]);
		await expect(api.sendRichMessageDraft(group.id, 7, message(paragraph('x')))).rejects.toMatchObject({ description: 'Bad Request: drafts can be sent only to private chats' });
	});

	it('when a message is ephemeral then only its receiver is recorded as seeing it, with message_id 0', async () => {
		const sent = await api.sendRichMessage(group.id, message(paragraph('Just for you')), { ephemeral_message_parameters: { receiver_user_id: 4242 } });
		expect(sent).toMatchObject({ message_id: 0, receiver_user: { id: 4242 }, ephemeral_message_id: expect.any(Number) });
		const text = await api.sendMessage(group.id, 'Also for you', { ephemeral_message_parameters: { receiver_user_id: 4242 } });
		expect(text.message_id).toBe(0);
		expect(fake.botMessages(group.id).map((stored) => stored.receiver_user_id)).toEqual([4242, 4242]);
	});

	it('when a guest query is answered with a rich article then the fake records it for the chat it came from, once', async () => {
		const elsewhere = { id: -5005, type: 'group', title: 'Elsewhere' } as Chat;
		const queryId = fake.guestMessage(elsewhere, { id: 4242, is_bot: false, first_name: 'Ada' }, '@digest_test_bot story 3');
		const result = { type: 'article', id: 'a', title: 'Story 3', input_message_content: { rich_message: message(paragraph('Story 3')) } } satisfies InlineQueryResultArticle;
		await api.answerGuestQuery(queryId, result);
		expect(fake.guestAnswers.map((answer) => answer.chat.id)).toEqual([elsewhere.id]);
		await expect(api.answerGuestQuery(queryId, result)).rejects.toMatchObject({ description: expect.stringMatching(/query is too old/) });
	});

	it('when a guest answer breaks the inline-result rules then it is refused and the query stays open for a valid one', async () => {
		const elsewhere = { id: -5006, type: 'group', title: 'Elsewhere' } as Chat;
		const queryId = fake.guestMessage(elsewhere, { id: 4243, is_bot: false, first_name: 'Ada' }, '@digest_test_bot top');
		const article = { type: 'article', id: 'a', title: 'Top', input_message_content: { rich_message: message(paragraph('Top stories')) } } satisfies InlineQueryResultArticle;
		await expect(api.answerGuestQuery(queryId, { ...article, title: ' ' })).rejects.toMatchObject({ description: 'Bad Request: RESULT_TITLE_EMPTY' });
		await expect(api.answerGuestQuery(queryId, { ...article, id: 'x'.repeat(65) })).rejects.toMatchObject({ description: 'Bad Request: RESULT_ID_INVALID' });
		await expect(api.answerGuestQuery(queryId, { ...article, input_message_content: { rich_message: message() } })).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
		await expect(api.answerGuestQuery(queryId, { ...article, input_message_content: { message_text: 'x'.repeat(4097) } })).rejects.toMatchObject({ description: 'Bad Request: message is too long' });
		await api.answerGuestQuery(queryId, article);
		expect(fake.guestAnswers.filter((answer) => answer.guestQueryId === queryId)).toHaveLength(1);
	});

	it('when inline results carry rich content then a current server checks it as a rich message, and an older one finds no message in it', async () => {
		const sharer = { id: 4244, is_bot: false, first_name: 'Ada' };
		const rich = { type: 'article', id: 'r', title: 'Story', input_message_content: { rich_message: message(paragraph('Story')) } } satisfies InlineQueryResultArticle;
		await expect(api.answerInlineQuery(fake.inlineQuery(sharer, 'x'), [rich])).resolves.toBe(true);
		await expect(api.answerInlineQuery(fake.inlineQuery(sharer, 'x'), [{ ...rich, input_message_content: { rich_message: { blocks: [{ type: 'marquee' }] } as never } }])).rejects.toBeInstanceOf(GrammyError);
		fake.speakRichMessages(false);
		await expect(api.answerInlineQuery(fake.inlineQuery(sharer, 'x'), [rich])).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
		await expect(api.answerInlineQuery(fake.inlineQuery(sharer, 'x'), [{ ...rich, input_message_content: { message_text: 'Story' } }])).resolves.toBe(true);
		fake.speakRichMessages(true);
	});

	it('when the fake is an old server then rich methods are 404 "method not found" and ephemeral parameters are ignored', async () => {
		fake.speakRichMessages(false);
		await expect(api.sendRichMessage(group.id, message(paragraph('x')))).rejects.toMatchObject({ error_code: 404, description: 'Not Found: method not found' });
		await expect(api.sendRichMessageDraft(reader.id, 1, message(paragraph('x')))).rejects.toMatchObject({ error_code: 404 });
		const sent = await api.sendMessage(group.id, 'For everyone now', { ephemeral_message_parameters: { receiver_user_id: 4242 } });
		expect(sent.message_id).toBeGreaterThan(0);
		expect(fake.botMessages(group.id).at(-1)?.receiver_user_id).toBeUndefined();
		await expect(api.editMessageText(group.id, sent.message_id, message(paragraph('x')))).rejects.toMatchObject({ description: 'Bad Request: message text is empty' });
		fake.speakRichMessages(true);
		await expect(api.sendRichMessage(group.id, message(paragraph('x')))).resolves.toMatchObject({ chat: { id: group.id } });
	});
});
