import { describe, expect, it } from 'vitest';
import { buildDigest } from '../builders/digest-builder.js';
import { archiveWith, referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { askAs, askingDispatcher, citedStories } from '../ask/ask-fixture.js';

const qwenIssue = (date: string, title: string): string =>
	buildDigest({ date, title, top: [{ title, text: `Qwen released a model family on ${date}.`, cites: [1] }, { title: 'Unrelated weather', text: 'Rain again.' }], sources: 1 });

describe('when a reader asks the archive without an LLM configured', () => {
	it('then "what did Qwen release?" quotes and cites story 1 of 2026-03-03, with a button to it', async () => {
		const archive = await referenceArchive();
		const { blocks } = await askAs(askingDispatcher(archive), '/ask what did Qwen release?');
		const text = textOf(blocks);
		expect(text).toContain('[2026-03-03 · 1]');
		expect(text).toContain('Alibaba Qwen released the Qwen 3.5 Small Model Series');
		expect(citedStories(blocks)[0]).toBe('1 2026-03-03');
		const actions = blocks.find((block) => block.type === 'actions');
		expect(actions?.type === 'actions' && actions.actions[0]).toMatchObject({ command: 'story', args: ['1', '2026-03-03'] });
		expect(text).toContain('X post by @Alibaba_Qwen');
	});

	it('then two issues with the same story answer from the newer one', async () => {
		const archive = await archiveWith(qwenIssue('2026-03-01', 'Qwen ships'), qwenIssue('2026-03-08', 'Qwen ships'));
		const { blocks } = await askAs(askingDispatcher(archive), '/ask what did Qwen release?');
		expect(citedStories(blocks)[0]).toBe('1 2026-03-08');
	});

	it('then a question naming a date, a month or "this week" quotes only issues of those dates', async () => {
		const archive = await archiveWith(qwenIssue('2026-02-10', 'Qwen in February'), qwenIssue('2026-03-01', 'Qwen early March'), qwenIssue('2026-03-20', 'Qwen late March'));
		const dispatcher = askingDispatcher(archive);
		const day = await askAs(dispatcher, '/ask what did Qwen release on 2026-03-01?');
		expect(citedStories(day.blocks)).toEqual(['1 2026-03-01']);
		const month = await askAs(dispatcher, '/ask Qwen news in February 2026');
		expect(citedStories(month.blocks)).toEqual(['1 2026-02-10']);
		// "this week" counts back from the latest issue (2026-03-20), not from the clock.
		const week = await askAs(dispatcher, '/ask what did Qwen release this week?');
		expect(citedStories(week.blocks)).toEqual(['1 2026-03-20']);
		const none = await askAs(dispatcher, '/ask Qwen on 2025-01-01');
		expect(none.blocks[0]).toMatchObject({ type: 'failure', code: 'ask-no-match' });
	});

	it('then an issue published after the first question is found by the next one', async () => {
		const archive = await archiveWith(qwenIssue('2026-03-01', 'Qwen ships'));
		const dispatcher = askingDispatcher(archive);
		await askAs(dispatcher, '/ask what did Qwen release?');
		const text = buildDigest({ date: '2026-03-05', top: [{ title: 'Mistral opens weights', text: 'Mistral published new weights.' }] });
		const { parseIssue } = await import('../../src/parser/parse-issue.js');
		await archive.put(parseIssue(text).issue, { bytes: text, file: 'new.md' });
		const { blocks } = await askAs(dispatcher, '/ask what did Mistral publish?');
		expect(citedStories(blocks)).toEqual(['1 2026-03-05']);
	});

	it('then a question of 500 characters is answered and one of 501 is refused with the cap named', async () => {
		const archive = await referenceArchive();
		const dispatcher = askingDispatcher(archive);
		const long = `what did Qwen release ${'and why '.repeat(80)}`.slice(0, 500);
		const answered = await askAs(dispatcher, `/ask ${long}`);
		expect(answered.blocks[0]?.type).not.toBe('failure');
		const refused = await askAs(dispatcher, `/ask ${long}x`);
		expect(refused.blocks[0]).toMatchObject({ type: 'failure', code: 'bad-argument' });
		expect(textOf(refused.blocks)).toContain('500 characters');
	});

	it('then the sixth question within a minute is refused with the wait, and another reader is still answered', async () => {
		const archive = await referenceArchive();
		const dispatcher = askingDispatcher(archive, { perMinute: 5 });
		for (let n = 0; n < 5; n += 1) expect((await askAs(dispatcher, '/ask qwen')).blocks[0]?.type).toBe('paragraph');
		const sixth = await askAs(dispatcher, '/ask qwen');
		expect(sixth.blocks[0]).toMatchObject({ type: 'failure', code: 'too-many-questions' });
		expect(textOf(sixth.blocks)).toMatch(/5 questions a minute\. Please wait \d+ s/);
		expect((await askAs(dispatcher, '/ask qwen', 'reader-2')).blocks[0]?.type).toBe('paragraph');
	});
});

describe('when a question names only a date', () => {
	it('then "what happened this week?" quotes the top stories of the latest week', async () => {
		const archive = await archiveWith(qwenIssue('2026-02-10', 'Qwen in February'), qwenIssue('2026-03-20', 'Qwen late March'));
		const { blocks } = await askAs(askingDispatcher(archive), '/ask what happened this week?');
		expect(citedStories(blocks)).toEqual(['1 2026-03-20', '2 2026-03-20']);
	});
});
