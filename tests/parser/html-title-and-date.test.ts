import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/parser/parse-issue.js';

const email = (head: string, body: string): string => `<!doctype html><html><head>${head}</head><body><table role="presentation"><tr><td>${body}</td></tr></table></body></html>`;
const story = (title: string): string => `<h2>${title}</h2><p>The council voted on Tuesday and the plan goes ahead next spring, as the minutes show.</p><p>Residents have until May to comment on the details.</p>`;

describe('when an e-mail states its title in <title> and shows a logo in its <h1>', () => {
	const html = email('<title>Le Brief du jeudi 9 avril 2026</title>', `<h1><a href="https://example.org/"><img src="https://example.org/logo.png" alt="BRIEF Daily Logo"></a></h1><p>Jeudi 9 avril 2026</p>${story('Le conseil adopte le plan')}${story('La gare rouvre ses portes')}`);
	const { issue, explanation } = parseIssue(html, { file: 'brief-newsletter.html' });

	it('then the title is the <title>, not the logo or the file name', () => {
		expect(issue.title).toBe('Le Brief du jeudi 9 avril 2026');
	});

	it('then the French date line under the logo dates the issue', () => {
		expect(issue.date).toBe('2026-04-09');
		expect(explanation.dateSource).toBe('a date line');
	});

	it('then the headings are the stories', () => {
		expect(issue.stories.map((s) => s.title)).toEqual(['Le conseil adopte le plan', 'La gare rouvre ses portes']);
	});
});

describe('when an e-mail has no <title>', () => {
	it('then og:title names it, and the file name is never the title when the document states one', () => {
		const html = email('<meta property="og:title" content="Harbour Notes: the ferry is back">', `<h1>HARBOUR NOTES</h1><h1>The ferry is back</h1><p>After two years the crossing runs again, twice a day, from the old pier.</p><h1>Fish market moves</h1><p>The market opens at the new hall on Saturday, with forty stalls.</p>`);
		expect(parseIssue(html, { file: 'harbour-newsletter.html' }).issue.title).toBe('Harbour Notes: the ferry is back');
	});

	it('then with nothing stated, the file name is the title without its extension', () => {
		const html = '<div><p><strong>Ferry:</strong> the crossing runs again from the old pier.</p><p><strong>Market:</strong> forty stalls open at the new hall.</p></div>';
		expect(parseIssue(html, { file: 'harbour-newsletter.html' }).issue.title).toBe('harbour newsletter');
	});
});

describe('when a short line beside the title carries the date among other words', () => {
	it('then that date is the issue\'s, and the line is kept', () => {
		const html = email('<title>Die Wochenschau (Ausgabe 212)</title>', `<h1>Die Wochenschau</h1><p><em>Ausgabe 212, 9. April 2026 (Deutsch)</em></p><h2>Artikel</h2><ol><li><a href="https://example.org/a">Rathaus</a> (12 Änderungen)</li><li><a href="https://example.org/b">Stadtpark</a> (9 Änderungen)</li></ol><p>Footer text from 1 January 2020.</p>`);
		const { issue, explanation } = parseIssue(html, { file: 'wochenschau.html' });
		expect(issue.date).toBe('2026-04-09');
		expect(explanation.dateSource).toBe('a line near the title');
		expect(JSON.stringify(issue.lead)).toContain('Ausgabe 212');
	});
});
