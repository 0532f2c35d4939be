import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFeedDocument } from '../../src/feeds/feed-document.js';
import { readItemIssue } from '../../src/feeds/feed-item-issue.js';

/** Feeds in the shapes real publishing platforms produce (invented newsletters, real markup habits). */
function issuesOf(fixture: string, contentType: string) {
	const document = readFeedDocument(readFileSync(new URL(`../fixtures/feeds/${fixture}`, import.meta.url)), contentType, 'https://example.org/');
	if (document.kind !== 'feed') throw new Error(`${fixture} did not read as a feed: ${JSON.stringify(document)}`);
	return document.items.map((item) => readItemIssue(item, { file: `feed:${fixture}#${item.key}`, ...(document.title ? { publication: document.title } : {}) }).issue);
}

describe('when a Substack feed is read', () => {
	it('then each post becomes a dated issue with its link, byline and one story per heading, without the subscribe and share widgets', () => {
		const [latest, previous] = issuesOf('substack.xml', 'application/rss+xml; charset=utf-8');
		expect(latest).toMatchObject({ id: '2026-11-24', title: 'Tidewater #41: Buoys that phone home', date: '2026-11-24', link: 'https://tidewater.substack.com/p/tidewater-41-buoys-that-phone-home', byline: 'Mara Lindqvist', publication: 'Tidewater Tools' });
		expect(latest!.stories.map((story) => story.title)).toEqual(['Buoys that phone home', 'A tide-table parser worth stealing', 'The crane that learned to wait']);
		expect(latest!.stories[0]!.body[0]).toMatchObject({ type: 'paragraph', spans: expect.arrayContaining([{ text: 'LoRa modems', href: 'https://example.org/lora-buoys' }]) });
		// The cover image, wrapped in a link round block elements, reads as its alt text and caption.
		expect(latest!.lead.map((block) => (block.type === 'paragraph' ? block.spans.map((span) => span.text).join('') : ''))).toEqual(['Good morning, harbour folk. Three things crossed my desk this week.', 'A yellow buoy at dawn', 'Photo: a buoy off the north pier.']);
		const text = JSON.stringify(latest);
		expect(text).not.toMatch(/"Subscribe"|"Share"|Type your email/);
		expect(previous!.stories.map((story) => story.title)).toEqual(['Fog horns, finally documented', 'Lock gates get a patch']);
	});
});

describe('when a Ghost feed is read', () => {
	it('then the post id is not mistaken for a link, and Koenig cards do not become stories', () => {
		const [latest] = issuesOf('ghost.xml', 'application/rss+xml; charset=utf-8');
		expect(latest).toMatchObject({ id: '2026-11-23', link: 'https://fieldnotes.example.com/issue-18/', byline: 'Tomás Ferreira' });
		expect(latest!.stories.map((story) => story.title)).toEqual(['Worms as a yield signal', 'Moisture probes for the price of lunch', 'The patient sensor']);
		expect(JSON.stringify(latest!.stories[1])).toContain('Calibrate in the soil you will measure');
	});
});

describe('when a Buttondown feed carries its HTML escaped in <description>', () => {
	it('then the HTML is still converted and its stories found', () => {
		const [latest, previous] = issuesOf('buttondown.xml', 'application/rss+xml');
		expect(latest).toMatchObject({ date: '2026-11-27', link: 'https://buttondown.com/quietcompilers/archive/quiet-compilers-12-register-pressure/' });
		expect(latest!.stories.map((story) => story.title)).toEqual(['Register pressure, measured', 'Error messages people read']);
		expect(latest!.lead).toEqual([{ type: 'paragraph', spans: [{ text: 'Hello again. This one is about the back end.' }] }]);
		expect(previous!.stories.map((story) => story.title)).toEqual(['Folding floats is a trap', 'Integer overflow, on purpose']);
	});
});

describe('when a static site generator publishes an Atom feed (jekyll-feed)', () => {
	it('then entries are dated by <published>, linked by their alternate link, and the entry id is the key', () => {
		const document = readFeedDocument(readFileSync(new URL('../fixtures/feeds/jekyll-feed.xml', import.meta.url)), 'application/atom+xml', 'https://example.org/');
		expect(document.kind === 'feed' && document.items.map((item) => [item.key, item.date])).toEqual([
			['https://weekly.railway-signals.example/2026/11/26/w48', '2026-11-26T09:00:00.000Z'],
			['https://weekly.railway-signals.example/2026/11/19/w47', '2026-11-19T09:00:00.000Z'],
		]);
		const [latest] = issuesOf('jekyll-feed.xml', 'application/atom+xml');
		expect(latest).toMatchObject({ title: 'Signal Weekly 2026-W48', link: 'https://weekly.railway-signals.example/2026/11/26/w48.html', publication: 'Signal Weekly' });
		expect(latest!.stories.map((story) => story.title)).toEqual(['A timetable solver in the open', 'Auditing an interlocking']);
	});
});
