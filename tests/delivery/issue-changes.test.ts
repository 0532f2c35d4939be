import { describe, expect, it } from 'vitest';
import { diffIssues, issueBaseline } from '../../src/delivery/corrections/issue-changes.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { buildDigest, type DigestFixture } from '../builders/digest-builder.js';

const baselineOf = (fixture: DigestFixture) => issueBaseline(parseIssue(buildDigest(fixture), { file: '2026-06-01.md' }).issue);
const before: DigestFixture = { date: '2026-06-01', top: [{ title: 'Alpha' }, { title: 'Beta', text: 'Old text.' }, { title: 'Gamma' }] };

describe('when a correction says what changed in an issue', () => {
	it('then a story inserted at the top is "added", and the stories it moved down are not "changed"', () => {
		expect(diffIssues(baselineOf(before), baselineOf({ ...before, top: [{ title: 'New first' }, ...(before.top ?? [])] }))).toEqual({ changed: [], added: ['New first'], removed: [], frame: false });
	});

	it('then an edited body and a dropped story are named, and a retitled story is matched by its place', () => {
		const after: DigestFixture = { ...before, top: [{ title: 'Alpah fixed' }, { title: 'Beta', text: 'New text.' }] };
		expect(diffIssues(baselineOf(before), baselineOf(after))).toEqual({ changed: ['Beta', 'Alpah fixed'], added: [], removed: ['Gamma'], frame: false });
	});

	it('then the same content is the same revision, and a new title is a change of the frame', () => {
		expect(baselineOf(before).revision).toBe(baselineOf(before).revision);
		expect(diffIssues(baselineOf(before), baselineOf({ ...before, title: 'Renamed Digest' })).frame).toBe(true);
	});
});
