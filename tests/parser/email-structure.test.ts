import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/parser/parse-issue.js';

const read = (name: string): string => readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), 'utf8');

describe('when an e-mail has <h2> stories whose paragraphs open in bold, share bars under each, and a plain contents list', () => {
	const { issue, explanation } = parseIssue(read('email-h2-stories-share-bars.html'), { file: 'soir-newsletter.html' });

	it('then each <h2> is a story and the bold lead-ins inside it stay in its body', () => {
		expect(issue.stories.map((story) => story.title)).toEqual(['The tram line opens', 'Bakers on strike', 'Quiz of the week']);
		expect(JSON.stringify(issue.stories[0]!.body)).toContain('Stations');
	});

	it('then explain says the first story was taken by its level, not by what opens it', () => {
		expect(explanation.stories[0]!.rule).toBe('prose-heading-level');
	});

	it('then the share bars are gone, whatever address their links go through', () => {
		const text = JSON.stringify(issue);
		for (const chrome of ['Facebook', 'WhatsApp', 'E-mail', 'LinkedIn', 'Partager sur', 'Share on']) expect(text).not.toContain(chrome);
	});

	it('then the contents lines that repeat the headings are the lead, not stories', () => {
		expect(JSON.stringify(issue.lead)).toContain('Bakers on strike');
		expect(issue.stories.filter((story) => story.title === 'Bakers on strike')).toHaveLength(1);
	});

	it('then the title is the subject, and the date the line under the logo', () => {
		expect(issue).toMatchObject({ title: 'Le Soir Court du mercredi 8 avril 2026', date: '2026-04-08' });
	});
});

describe('when Markdown sections hold bold-headline stories, each with its prose', () => {
	it('then they stay sections of stories: the prose under a headline is the headline\'s, not the section\'s', () => {
		const markdown = '# Weekly\n\n## Tools\n\n**Hammer 2.0**\n\nA new release with faster builds.\n\n**Saw 3**\n\nThe old one, now with plugins.\n\n## Events\n\n**Meetup in Lisbon**\n\nIn May, at the port.\n\n**Talk on caching**\n\nOnline, on Friday.\n';
		const { issue, explanation } = parseIssue(markdown, { file: 'weekly.md' });
		expect(issue.stories.map((story) => [story.title, story.section])).toEqual([
			['Hammer 2.0', 'Tools'],
			['Saw 3', 'Tools'],
			['Meetup in Lisbon', 'Events'],
			['Talk on caching', 'Events'],
		]);
		expect(explanation.stories.every((story) => story.rule === 'bold-line')).toBe(true);
	});
});

describe('when a table-layout e-mail has no headings and sets its story titles in large bold type', () => {
	const { issue } = parseIssue(read('email-styled-titles.html'), { file: 'morning-newsletter.html' });

	it('then the most prominent repeated style titles the stories, and the smaller bold lines stay inside them', () => {
		expect(issue.stories.map((story) => story.title)).toEqual(['Harbour bridge reopens after repairs', 'Library extends its evening hours']);
		expect(JSON.stringify(issue.stories[0]!.body)).toContain('What the council says');
		expect(issue.stories[1]!.url).toBe('https://news.example.net/2');
	});

	it('then the picture repeating a title under it is not said twice', () => {
		expect(JSON.stringify(issue.stories[0]!.body)).not.toContain('Harbour bridge reopens');
	});

	it('then the weekday date line in small capitals dates the issue', () => {
		expect(issue.date).toBe('2026-04-09');
	});
});
