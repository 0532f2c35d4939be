import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../../adapters/telegram/callback-data.js';
import { commands } from '../../../commands/index.js';
import { longSlug } from '../publications-fixture.js';
import { botReplies, buttonData, buttonLabels, newUser, privateChat } from './telegram-harness.js';
import { useSeveralPublications } from './publications-harness.js';

/** Every button's callback data under a message. */
function callbackData(message: { reply_markup?: unknown } | undefined): string[] {
	const rows = (message?.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
	return rows.flat().flatMap((button) => (button.callback_data ? [button.callback_data] : []));
}

describe('telegram buttons with several publications, one of them with the longest slug allowed', () => {
	const running = useSeveralPublications();

	it('when a chat that follows none asks /top 5 then the chooser offers every publication, and the long slug\'s button opens its top stories', async () => {
		const user = newUser();
		const chat = privateChat(user);
		running.harness.fake.postText(chat, '/top 5', { from: user });
		const [chooser] = await botReplies(running.harness.fake, chat.id);
		expect(buttonLabels(chooser)).toEqual(['This Week in Rust', 'React Status', 'Long Slug Weekly']);
		expect(decodeAction(buttonData(chooser!, 'Long Slug Weekly'))).toEqual({ name: 'top', text: `${longSlug} 5` });

		running.harness.fake.pressButton(user, chooser!, buttonData(chooser!, 'Long Slug Weekly'));
		await running.harness.fake.waitFor(() => running.harness.fake.botMessages(chat.id).find((message) => message.text?.includes('A story from the long-slug publication')));
		await running.harness.fake.settle();
		const shown = running.harness.fake.botMessages(chat.id).find((message) => callbackData(message).some((data) => data.startsWith('c1 story')));
		// Its story button carries the issue's id (the slug, then the date), whole.
		expect(callbackData(shown)).toContain(`c1 story 1 ${longSlug}-2026-04-08`);
	});

	it('when a reader presses a story button of React, whose issue id is a date another publication also published on, then React\'s story opens', async () => {
		const user = newUser();
		const chat = privateChat(user);
		running.harness.fake.postText(chat, '/top react', { from: user });
		const replies = await botReplies(running.harness.fake, chat.id);
		const withButtons = replies.find((message) => callbackData(message).length > 0)!;
		running.harness.fake.pressButton(user, withButtons, buttonData(withButtons, 'Story 1'));
		// The story card: its footer says which story of which issue.
		const opened = await running.harness.fake.waitFor(() => running.harness.fake.botMessages(chat.id).find((message) => message.text?.includes('· story 1 of 2')));
		expect(opened.text).toContain('1. Async rendering arrives in React');
		expect(opened.text).toContain('React Status 401');
	});

	it('when /since names a date then its chooser buttons carry each publication and the date, within Telegram\'s 64 bytes', async () => {
		const user = newUser();
		const chat = privateChat(user);
		running.harness.fake.postText(chat, '/since 2026-03-30', { from: user });
		const [chooser] = await botReplies(running.harness.fake, chat.id);
		const data = callbackData(chooser);
		expect(data).toHaveLength(3);
		expect(data.map((entry) => decodeAction(entry))).toContainEqual({ name: 'since', text: `${longSlug} 2026-03-30` });
	});
});

describe('callback data of a publication\'s buttons', () => {
	it('when any command that takes a publication is pressed with the longest slug and its longest other arguments then the data fits in 64 bytes', () => {
		// The longest other arguments the chooser repeats: a page number, a story count, a date.
		const args: Record<string, readonly string[]> = { top: ['10'], issues: ['9999'], since: ['2026-03-30', '9999'], latest: [], search: [], issue: ['2026-03-30'] };
		const taking = commands.filter((command) => command.options.some((option) => option.name === 'publication'));
		expect(taking.length).toBeGreaterThan(0);
		for (const command of taking) {
			const data = encodeAction({ label: 'x', command: command.name, args: [longSlug, ...(args[command.name] ?? [])] });
			expect(data, command.name).toBeDefined();
			expect(Buffer.byteLength(data!), command.name).toBeLessThanOrEqual(64);
		}
	});
});
