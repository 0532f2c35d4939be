import { describe, expect, it } from 'vitest';
import { chatName, plainText } from '../../src/content/span.js';
import { translatorFor } from '../../src/i18n/translator.js';

describe('a chat named inside a message', () => {
	const chat = chatName({ platform: 'discord', chatId: '123456789012345678' });

	it('when it fills a bold variable, then it stays a run of its own that is bold and still names the chat', () => {
		const spans = translatorFor('en').spans('subscriptions-item', { where: chat, format: 'top', since: '2026-11-01' });
		expect(spans[0]).toEqual({ text: '123456789012345678', bold: true, chat: { platform: 'discord', chatId: '123456789012345678' } });
		expect(plainText(spans)).toBe('123456789012345678 — top, since 2026-11-01');
	});

	it('when the message is asked for as plain text, then the chat reads as its label', () => {
		expect(translatorFor('ru').text('subscriptions-item', { where: chat, format: 'top', since: '2026-11-01' })).toContain('123456789012345678');
	});
});
