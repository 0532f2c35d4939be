import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestParseError } from '../../src/errors/digest-parse-error.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { commands } from '../../commands/index.js';
import { ask, referenceArchive } from '../helpers/archive-fixture.js';

const hostile = fc.oneof(
	fc.string({ maxLength: 400 }),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.constantFrom('<b>', '</i><script>alert(1)</script>', '[x](javascript:alert(1))', '%s%n', '${process.env}', '\u0000', '‮', '🏳️‍🌈'.repeat(50), '9'.repeat(400), '-0', 'NaN', 'Infinity', '__proto__', 'constructor', '../../etc/passwd'),
);

describe('when commands receive random and hostile arguments', () => {
	it('then every command answers with blocks and no exception escapes', async () => {
		const archive = await referenceArchive();
		const names = [...commands.map((command) => command.name), 'unknown', 'STORY', ''];
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...names), hostile, async (name, argument) => {
				const blocks = await ask(archive, `/${name} ${argument}`);
				expect(blocks.length).toBeGreaterThan(0);
				expect(blocks.some((block) => block.type === 'failure' && block.code === 'internal-error')).toBe(false);
			}),
			{ numRuns: 400 },
		);
	});

	it('then a 10,000-character argument is refused politely', async () => {
		const blocks = await ask(await referenceArchive(), `/search ${'a'.repeat(10_000)}`);
		expect(blocks).toEqual([expect.objectContaining({ type: 'failure', code: 'bad-argument' })]);
	});
});

describe('when the parser receives random and hostile text', () => {
	const markdownish = fc.array(
		fc.oneof(
			fc.string({ maxLength: 80 }),
			fc.constantFrom('# ', '## 1) ', '#### ', '- **', '** ', '[1]', '[2, 3]', '\n\n', '\n', '1. ', '1、', '---\n', '+++\n', '<div>', '{% x %}', '*Why it matters:* ', '## Sources\n', '[1]: https://a.b\n', '> ', '```\n', '| a | b |\n|---|---|\n'),
		),
		{ maxLength: 60 },
	);

	it('then it returns an issue or throws DigestParseError, never anything else', () => {
		fc.assert(
			fc.property(fc.oneof(markdownish.map((parts) => parts.join('')), fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
				try {
					const { issue } = parseIssue(text, { file: 'random.md' });
					expect(issue.stories.length).toBeGreaterThan(0);
					expect(new Set(issue.stories.map((story) => story.number)).size).toBe(issue.stories.length);
				} catch (error) {
					expect(error).toBeInstanceOf(DigestParseError);
				}
			}),
			{ numRuns: 1500 },
		);
	});
});
