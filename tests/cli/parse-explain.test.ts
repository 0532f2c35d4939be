import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/digests/${name}`, import.meta.url));
const parse = async (...args: string[]): Promise<string> => (await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'parse', ...args], { cwd: root, timeout: 60_000 })).stdout;

interface Summary {
	title: string;
	date: string | null;
	dateSource?: string | null;
	stories: { number: number; title: string; top: boolean; sponsored?: boolean; rule?: string; because?: string }[];
}

describe('when a publisher runs `parse FILE --json --explain`', () => {
	it('then an HTML email and its Markdown twin print the same stories, each with the rule that made it', async () => {
		const [html, markdown] = await Promise.all([parse(fixture('email-table-layout.html'), '--json', '--explain'), parse(fixture('email-table-layout.md'), '--json', '--explain')]);
		const fromHtml = JSON.parse(html) as Summary;
		expect(fromHtml.stories).toEqual((JSON.parse(markdown) as Summary).stories);
		expect(fromHtml).toMatchObject({ title: 'The Sunday Compiler #41: Faster builds, fewer flakes', date: '2026-08-16', dateSource: 'the byline' });
		expect(fromHtml.stories[0]).toMatchObject({ number: 1, title: 'Bundler rewrite lands in Rust', top: true, rule: 'top-list-item', because: expect.stringContaining('Top Stories') });
		expect(fromHtml.stories.find((story) => story.sponsored)).toMatchObject({ title: 'CI minutes on us', rule: 'bold-line' });
	}, 60_000);

	it('then without --explain the JSON keeps its keys, and the text view names the rules only when asked', async () => {
		const plain = JSON.parse(await parse(fixture('zola-month-first.md'), '--json')) as Summary;
		expect(plain.stories[0]).not.toHaveProperty('rule');
		expect(plain).not.toHaveProperty('dateSource');
		const text = await parse(fixture('zola-month-first.md'), '--explain');
		expect(text).toContain('date: 2026-08-19 (from the front matter date field)');
		expect(text).toMatch(/Anchor positioning without a polyfill {2}\[Links › CSS\] {2}← list-item:/);
	}, 60_000);

	it('then an e-mail whose stories are headings over bold lead-ins says the level rule took them, and where its French date came from', async () => {
		const summary = JSON.parse(await parse(fixture('email-h2-stories-share-bars.html'), '--json', '--explain')) as Summary;
		expect(summary).toMatchObject({ title: 'Le Soir Court du mercredi 8 avril 2026', date: '2026-04-08', dateSource: 'a date line' });
		expect(summary.stories[0]).toMatchObject({ title: 'The tram line opens', rule: 'prose-heading-level', because: expect.stringContaining('carry prose') });
		expect(summary.stories[1]).toMatchObject({ title: 'Bakers on strike', rule: 'heading' });
	}, 60_000);
});
