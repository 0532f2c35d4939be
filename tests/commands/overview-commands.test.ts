import { describe, expect, it } from 'vitest';
import type { CardBlock } from '../../src/content/block.js';
import { archiveWith, ask, referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { buildDigest } from '../builders/digest-builder.js';

describe('/top', () => {
	it('when asked then it lists the four top stories in order with why they matter', async () => {
		const blocks = await ask(await referenceArchive(), '/top');
		const cards = blocks.filter((block): block is CardBlock => block.type === 'card');
		expect(cards.map((card) => card.title.slice(0, 3))).toEqual(['1. ', '2. ', '3. ', '4. ']);
		expect(textOf(cards)).toContain('Why it matters: Distribution (app ranking)');
	});

	it('when given a count then it shows that many, and refuses counts out of range', async () => {
		const blocks = await ask(await referenceArchive(), '/top 2');
		expect(blocks.filter((block) => block.type === 'card')).toHaveLength(2);
		expect((await ask(await referenceArchive(), '/top 0'))[0]).toMatchObject({ code: 'bad-argument' });
		expect((await ask(await referenceArchive(), '/top lots'))[0]).toMatchObject({ code: 'bad-argument' });
	});

	it('when the archive is empty then it says so', async () => {
		expect(await ask(await archiveWith(), '/top')).toEqual([expect.objectContaining({ code: 'no-issues' })]);
	});
});

describe('/latest and /issue', () => {
	it('when asked for the latest issue then it shows title, date, lead, sections with counts and top headlines', async () => {
		const text = textOf(await ask(await referenceArchive(), '/latest'));
		expect(text).toContain('Qwen 3.5 small models go multimodal-on-edge');
		expect(text).toContain('Mar 3, 2026');
		expect(text).toContain('A packed cycle led by');
		expect(text).toContain('Top Stories — 4 stories');
		expect(text).toContain('Quick Takes — 5 stories');
		expect(text).toContain('2. U.S. government AI procurement escalates');
	});

	it('when an issue is asked for by date or number then that issue is shown', async () => {
		const archive = await archiveWith(buildDigest({ title: 'Old one', date: '2026-01-05', top: [{ title: 'a' }] }), buildDigest({ title: 'New one', date: '2026-02-05', top: [{ title: 'b' }] }));
		expect(textOf(await ask(archive, '/issue 2026-01-05'))).toContain('Old one');
		expect(textOf(await ask(archive, '/issue 2'))).toContain('New one');
		expect((await ask(archive, '/issue nope'))[0]).toMatchObject({ code: 'issue-not-found' });
		expect((await ask(archive, '/issue'))[0]).toMatchObject({ code: 'bad-argument' });
	});
});

describe('/issues', () => {
	it('when the archive has more than a page then it pages newest first with buttons', async () => {
		const digests = Array.from({ length: 12 }, (_, index) => buildDigest({ title: `Issue ${index + 1}`, date: `2026-01-${String(index + 1).padStart(2, '0')}`, top: [{ title: 's' }] }));
		const archive = await archiveWith(...digests);
		const first = await ask(archive, '/issues');
		expect(textOf(first)).toContain('page 1 of 2');
		expect(textOf(first).indexOf('Issue 12')).toBeLessThan(textOf(first).indexOf('Issue 3'));
		expect(first.at(-1)).toMatchObject({ type: 'actions', actions: [{ command: 'issues', args: ['2'] }] });
		expect(textOf(await ask(archive, '/issues 2'))).toContain('Issue 1 ');
		expect(textOf(await ask(archive, '/issues 99'))).toContain('page 2 of 2');
	});
});

describe('/section and /sources', () => {
	it('when a section is named in part then its stories are listed under their subsections', async () => {
		const text = textOf(await ask(await referenceArchive(), '/section research'));
		expect(text).toContain('Research & Innovation');
		expect(text).toContain('Training and inference efficiency');
		expect(text).toContain('5. Reverse-engineering Apple’s Neural Engine (ANE) for training /story 5');
	});

	it('when a section does not exist then the sections there are listed', async () => {
		const blocks = await ask(await referenceArchive(), '/section sports');
		expect(blocks[0]).toMatchObject({ code: 'section-not-found' });
		expect(textOf(blocks)).toContain('Quick Takes');
	});

	it('when sources are asked for then each cited source is listed with its link', async () => {
		const blocks = await ask(await referenceArchive(), '/sources 2');
		expect(textOf(blocks)).toContain('[9] X post by @sama');
		const list = blocks.find((block) => block.type === 'list');
		expect(JSON.stringify(list)).toContain('https://x.com/sama');
	});
});

describe('/search', () => {
	it('when words match then stories are ranked, best first, with the command to read them', async () => {
		const blocks = await ask(await referenceArchive(), '/search codex spark');
		const text = textOf(blocks);
		expect(text.split('\n')[1]).toContain('Coding-model speed race intensifies');
		expect(JSON.stringify(blocks)).toContain('/story 3');
	});

	it('when searching across issues then hits from older issues name their issue', async () => {
		const archive = await archiveWith(buildDigest({ date: '2026-01-05', top: [{ title: 'Quantum widgets arrive' }] }), buildDigest({ date: '2026-02-05', top: [{ title: 'Other news' }] }));
		expect(JSON.stringify(await ask(archive, '/search quantum'))).toContain('/story 1 2026-01-05');
	});

	it('when nothing matches, or the query is empty or only punctuation, then it says so kindly', async () => {
		expect((await ask(await referenceArchive(), '/search zzzzqqq'))[0]).toMatchObject({ code: 'no-results' });
		expect((await ask(await referenceArchive(), '/search'))[0]).toMatchObject({ code: 'bad-argument' });
		expect((await ask(await referenceArchive(), '/search <b>!!</b>'))[0]).toMatchObject({ type: 'failure' });
	});
});

describe('/help, /start and unknown commands', () => {
	it('when help is asked then every visible command is listed with its usage', async () => {
		const text = textOf(await ask(await referenceArchive(), '/help'));
		for (const usage of ['/top [n]', '/story N [issue]', '/search QUERY', '/issues [page]', '/latest']) expect(text).toContain(usage);
		expect(text).not.toContain('/start');
	});

	it('when started with a deep link then that story opens', async () => {
		expect((await ask(await referenceArchive(), '/start 2026-03-03-s3'))[0]).toMatchObject({ title: expect.stringMatching(/^3\. Coding-model/) });
		expect(textOf(await ask(await referenceArchive(), '/start'))).toContain('Welcome');
	});

	it('when a command is unknown then the closest one is suggested', async () => {
		expect(textOf(await ask(await referenceArchive(), '/serch qwen'))).toContain('Did you mean /search?');
		expect(await ask(await referenceArchive(), '/frobnicate')).toEqual([expect.objectContaining({ code: 'unknown-command' })]);
		expect(await ask(await referenceArchive(), 'hello there')).toEqual([expect.objectContaining({ code: 'not-a-command' })]);
	});

	it('when a command is addressed to a bot by name then it is still understood', async () => {
		expect((await ask(await referenceArchive(), '/story@digest_bot 3'))[0]).toMatchObject({ type: 'card' });
	});
});
