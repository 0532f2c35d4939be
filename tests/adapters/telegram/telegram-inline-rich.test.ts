import type { InputRichMessageWithoutUpload } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outline } from './rich/rich-outline.js';
import { newUser, startHarness, type Harness } from './telegram-harness.js';

type SharedContent = { rich_message?: InputRichMessageWithoutUpload; message_text?: string };

/** A user types `@bot query`; resolves with the contents of the results the server accepted and how many answers were tried. */
async function shareInline(harness: Harness, query: string): Promise<{ contents: SharedContent[]; tries: number }> {
	const queryId = harness.fake.inlineQuery(newUser(), query);
	const call = await harness.fake.waitFor(() => harness.fake.callsTo('answerInlineQuery').find((candidate) => candidate.params.inline_query_id === queryId && candidate.ok));
	const contents = (call.params.results as { input_message_content: SharedContent }[]).map((result) => result.input_message_content);
	return { contents, tries: harness.fake.callsTo('answerInlineQuery').filter((candidate) => candidate.params.inline_query_id === queryId).length };
}

describe('telegram inline results on a server that speaks rich messages', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' } });
	});
	afterAll(() => harness.close());

	it('when a reader shares a story inline then the result is the whole story as rich content, answered at the first try', async () => {
		const { contents, tries } = await shareInline(harness, 'qwen');
		expect(contents[0]!.message_text).toBeUndefined();
		const lines = outline(contents[0]!.rich_message!.blocks!, 200);
		expect(lines.join('\n')).toMatch(/Qwen/);
		// The whole card, sources included, where the text form held only its first 4,096 characters.
		expect(lines.some((line) => line.trim() === 'Sources')).toBe(true);
		expect(tries).toBe(1);
	});
});

describe('telegram inline results on an older Bot API server', () => {
	let harness: Harness;
	beforeAll(async () => {
		harness = await startHarness({ env: { TELEGRAM_RICH: 'on' } });
		harness.fake.speakRichMessages(false);
	});
	afterAll(() => harness.close());

	it('when a reader shares a story inline then the results are text, which the older server takes', async () => {
		const { contents } = await shareInline(harness, 'qwen');
		expect(contents[0]!.rich_message).toBeUndefined();
		expect(contents[0]!.message_text).toMatch(/Qwen/);
	});
});
