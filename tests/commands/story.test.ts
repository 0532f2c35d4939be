import { describe, expect, it } from 'vitest';
import type { ActionsBlock, CardBlock } from '../../src/content/block.js';
import { archiveWith, ask, referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { buildDigest } from '../builders/digest-builder.js';

describe('/story', () => {
	it('when asked for story 3 then it answers the whole Codex Spark story with its sources as one card', async () => {
		const blocks = await ask(await referenceArchive(), '/story 3');
		const card = blocks[0] as CardBlock;
		expect(card.type).toBe('card');
		expect(card.title).toBe('3. Coding-model speed race intensifies: GPT-5.3 Codex “Spark” preview lands on Plus for heavy Codex users');
		const text = textOf([card]);
		expect(text).toContain('Why it matters: For coding agents');
		expect(text).toContain('temporary preview at no extra cost through March 20 [11]');
		expect(text).toContain('[11] X post by @ah20im');
		expect(text).toContain('[12] X post by @jeffintime');
		expect(card.footer).toContain('story 3 of 34');
	});

	it('when a story is shown then its card says which parts are why it matters, its sources and which story it is', async () => {
		const card = (await ask(await referenceArchive(), '/story 3'))[0] as CardBlock;
		expect(card.highlight?.map((span) => span.text).join('')).toContain('Why it matters: For coding agents');
		expect(card.sources?.heading).toBe('Sources');
		expect(card.sources?.items.map((source) => source.number)).toEqual([11, 12]);
		expect(card.sources?.items[0]?.label).toContain('X post by @ah20im');
		expect(card.story).toEqual({ number: 3, issueId: '2026-03-03', top: true });
		// The text itself no longer repeats them: each platform places them its own way.
		expect(card.body.flatMap((block) => (block.type === 'paragraph' ? [block.spans.map((span) => span.text).join('')] : []))).not.toContain('Sources');
	});

	it('when a story is shown then buttons lead to the previous and next stories and its sources', async () => {
		const blocks = await ask(await referenceArchive(), '/story 3');
		const actions = blocks.find((block): block is ActionsBlock => block.type === 'actions');
		expect(actions?.actions.map((action) => [action.command, ...action.args])).toEqual([
			['story', '2', '2026-03-03'],
			['sources', '3', '2026-03-03'],
			['story', '4', '2026-03-03'],
		]);
	});

	it('when the story number does not exist then it says which numbers do', async () => {
		const blocks = await ask(await referenceArchive(), '/story 99');
		expect(blocks).toEqual([expect.objectContaining({ type: 'failure', code: 'story-not-found' })]);
		expect(textOf(blocks)).toContain('Stories are numbered 1–34');
	});

	it('when the argument is not a number then it shows the usage', async () => {
		for (const line of ['/story abc', '/story', '/story -1', '/story 3.5', '/story 1e9']) {
			const blocks = await ask(await referenceArchive(), line);
			expect(blocks, line).toEqual([expect.objectContaining({ type: 'failure', code: 'bad-argument' })]);
			expect(textOf(blocks), line).toContain('Usage: /story N [issue]');
		}
	});

	it('when an older issue is named then its story is shown, and an unknown issue is reported', async () => {
		const archive = await archiveWith(
			buildDigest({ date: '2026-01-05', top: [{ title: 'January news' }] }),
			buildDigest({ date: '2026-02-05', top: [{ title: 'February news' }] }),
		);
		expect((await ask(archive, '/story 1'))[0]).toMatchObject({ title: '1. February news' });
		expect((await ask(archive, '/story 1 2026-01-05'))[0]).toMatchObject({ title: '1. January news' });
		expect((await ask(archive, '/story 1 1'))[0]).toMatchObject({ title: '1. January news' });
		const missing = await ask(archive, '/story 1 2025-12-31');
		expect(missing[0]).toMatchObject({ type: 'failure', code: 'issue-not-found' });
		expect(textOf(missing)).toContain('the latest is 2026-02-05');
	});
});
