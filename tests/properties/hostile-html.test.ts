import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestParseError } from '../../src/errors/digest-parse-error.js';
import { parseIssue } from '../../src/parser/parse-issue.js';

describe('when the parser receives random and hostile HTML', () => {
	const htmlish = fc.array(
		fc.oneof(
			// Free text without "<": a stray "<A" glued to the next "<script>" makes one unknown element
			// whose "alert(1)" is ordinary visible text by the HTML spec (a browser shows it too), not a script.
			fc.string({ maxLength: 60 }).map((value) => value.replaceAll('<', '‹')),
			fc.constantFrom(
				'<h1>', '</h1>', '<h2>', '</h2>', '<p>', '</p>', '<table role="presentation"><tr><td>', '</td></tr></table>', '<table><tr><th>a</th></tr><tr><td>', '<ul><li>', '</li></ul>', '<ol><li>',
				'<strong>', '</strong>', '<a href="https://example.com/a">', '<a href="javascript:alert(1)">', '</a>', '<img src="x" alt="alt text">', '<img width="1" height="1" src="https://t.example/open">',
				'<script>alert(1)</script>', '<style>p{color:red}</style>', '<div style="display:none">', '</div>', '<a href="https://e.example/unsubscribe">Unsubscribe</a>', '<br>', '&nbsp;', '&amp;', '<!-- c -->', '<title>T</title>',
			),
		),
		{ maxLength: 60 },
	);

	it('then it returns an issue or throws DigestParseError, and no script or unsafe link reaches the model', () => {
		fc.assert(
			fc.property(htmlish.map((parts) => parts.join('')), (html) => {
				try {
					const { issue } = parseIssue(html, { file: 'random.html' });
					const text = JSON.stringify(issue);
					expect(text).not.toContain('alert(1)');
					expect(text).not.toContain('javascript:');
					expect(issue.stories.length).toBeGreaterThan(0);
				} catch (error) {
					expect(error).toBeInstanceOf(DigestParseError);
				}
			}),
			{ numRuns: 300 },
		);
	});
});
