import { describe, expect, it } from 'vitest';
import { suggest } from '../../adapters/discord/autocomplete.js';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { buildDigest } from '../builders/digest-builder.js';

describe('when a Discord user types a publication option', () => {
	it('then the completions are the publications whose slug or name holds what was typed, valued by slug', async () => {
		const archive = new Archive(createMemoryIssueStore());
		for (const [publication, name] of [['rust', 'This Week in Rust'], ['react', 'React Status']] as const) {
			const text = buildDigest({ title: `${publication} weekly`, date: '2026-04-01', top: [{ title: 'A story' }] });
			await archive.put({ ...parseIssue(text).issue, publication: name }, { bytes: text, file: `${publication}.md`, publication });
		}
		expect(suggest(archive, { kind: 'publication', typed: 'rus' })).toEqual([{ name: 'This Week in Rust (rust)', value: 'rust' }]);
		expect(suggest(archive, { kind: 'publication', typed: 'status' })).toEqual([{ name: 'React Status (react)', value: 'react' }]);
		expect(suggest(archive, { kind: 'publication', typed: '' })).toHaveLength(2);
	});
});
