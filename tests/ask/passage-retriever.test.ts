import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPassageRetriever } from '../../src/ask/passage-retriever.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { buildDigest } from '../builders/digest-builder.js';
import { archiveWith } from '../helpers/archive-fixture.js';

const issueOn = (day: number, story: string): string =>
	buildDigest({ title: `Daily ${day}`, date: `2026-04-${String(day).padStart(2, '0')}`, top: [{ title: story, text: `${story} was announced today by its makers.` }] });

describe('when the passage index warms up in the background', () => {
	it('then other work runs between its steps, and a question afterwards finds passages of every issue', async () => {
		const archive = await archiveWith(...Array.from({ length: 28 }, (_, index) => issueOn(index + 1, `Gadget number${index + 1}`)));
		const retriever = createPassageRetriever(archive);
		let turnsOfOthers = 0;
		let turnsBeforeWarm: number | undefined;
		const warming = retriever.warmUp().then(() => {
			turnsBeforeWarm = turnsOfOthers;
		});
		const others = (async () => {
			for (let turn = 0; turn < 5; turn += 1) {
				await setImmediate();
				turnsOfOthers += 1;
			}
		})();
		await Promise.all([warming, others]);
		expect(turnsBeforeWarm).toBeGreaterThan(0);
		expect(retriever.retrieve('number1 gadget', 3).passages[0]?.issueId).toBe('2026-04-01');
		expect(retriever.retrieve('number28 gadget', 3).passages[0]?.issueId).toBe('2026-04-28');
	});

	it('then a question asked before it ends is answered from the whole archive', async () => {
		const archive = await archiveWith(...Array.from({ length: 45 }, (_, index) => issueOn((index % 28) + 1, `Widget w${index}`)));
		const retriever = createPassageRetriever(archive);
		const warming = retriever.warmUp();
		expect(retriever.retrieve('widget w44', 3).passages.length).toBeGreaterThan(0);
		await warming;
	});

	it('then an issue corrected while it runs is found in its corrected words only', async () => {
		const archive = await archiveWith(...Array.from({ length: 30 }, (_, index) => issueOn(index + 1, `Item n${index + 1}`)));
		const retriever = createPassageRetriever(archive);
		const warming = retriever.warmUp();
		// The oldest issue is indexed last, so its old words are still waiting when the correction lands.
		const corrected = buildDigest({ title: 'Daily 1', date: '2026-04-01', top: [{ title: 'Item n1', text: 'Zeppelin sightings replaced the earlier text.' }] });
		await archive.put(parseIssue(corrected, { file: 'issue-0.md' }).issue, { bytes: corrected, file: 'issue-0.md' });
		await warming;
		expect(retriever.retrieve('zeppelin sightings', 3).passages[0]?.issueId).toBe('2026-04-01');
		expect(retriever.retrieve('announced makers n1', 3).passages.some((passage) => passage.issueId === '2026-04-01' && /announced/.test(passage.text))).toBe(false);
	});
});
