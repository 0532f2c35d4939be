import { describe, expect, it } from 'vitest';
import { issueContent } from '../../src/present/issue-content.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { sampleIssue } from './delivery-harness.js';

describe('when an issue is prepared for subscribers', () => {
	it('then "headlines" lists the top headlines with the command that reads each story', async () => {
		const blocks = issueContent(await sampleIssue(), 'headlines');
		const text = textOf(blocks);
		expect(text).toContain('Test Digest');
		expect(text).toContain('1. Chips get cheaper /story 1');
		expect(text).not.toContain('Everyone pays less.');
		expect(blocks.at(-1)).toMatchObject({ type: 'actions', actions: expect.arrayContaining([expect.objectContaining({ command: 'story', args: ['1', '2026-04-01'] })]) });
	});

	it('then "top" shows each top story with why it matters, and nothing from other sections', async () => {
		const text = textOf(issueContent(await sampleIssue(), 'top'));
		expect(text).toContain('Everyone pays less.');
		expect(text).toContain('Labs must file reports.');
		expect(text).not.toContain('A new bill');
	});

	it('then "full" carries every story of the issue', async () => {
		const archived = (await referenceArchive()).latest();
		if (!archived) throw new Error('reference issue missing');
		const text = textOf(issueContent(archived, 'full'));
		for (const story of archived.issue.stories) expect(text).toContain(story.title);
	});

	it('then a section filter keeps only matching sections, case-insensitively and by part of the title', async () => {
		const issue = await sampleIssue();
		const full = textOf(issueContent(issue, 'full', ['policy']));
		expect(full).toContain('A new bill');
		expect(full).not.toContain('A new model');
		expect(full).not.toContain('Chips get cheaper');
		const headlines = textOf(issueContent(issue, 'headlines', ['POLICY']));
		expect(headlines).toContain('A new bill');
		expect(headlines).not.toContain('Chips get cheaper');
	});

	it('then a filter that matches nothing says so instead of sending an empty post', async () => {
		expect(textOf(issueContent(await sampleIssue(), 'top', ['sports']))).toContain('No stories in your sections this time.');
	});
});
