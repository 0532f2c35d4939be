import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import type { ChatRef } from '../../src/command/command.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { completeBlocks } from '../../src/content/assemble-blocks.js';
import type { ActionsBlock, Block } from '../../src/content/block.js';
import { parseIssue } from '../../src/parser/parse-issue.js';
import { createKeyvReaderMemory } from '../../src/readers/reader-memory.js';
import { commands } from '../../commands/index.js';
import { buildDigest, type StoryFixture } from '../builders/digest-builder.js';
import { archiveWith, textOf } from '../helpers/archive-fixture.js';

/** A date `days` before today (UTC), as issues are dated. */
function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const stories = (prefix: string, count: number): StoryFixture[] => Array.from({ length: count }, (_, index) => ({ title: `${prefix} story ${index + 1}: a headline as long as real ones tend to be` }));

/** Four weekly-ish issues, the newest yesterday, each with top stories and two sections. */
function recentDigests(): string[] {
	return [20, 10, 3, 1].map((age) =>
		buildDigest({
			title: `Digest ${age} days ago`,
			date: daysAgo(age),
			top: [{ title: `Top of ${age}` }],
			sections: { Research: [{ title: `Paper of ${age}` }], Policy: [{ title: `Bill of ${age}` }] },
		}),
	);
}

const privateChat = (user: string): ChatRef => ({ platform: 'telegram', id: user, kind: 'private' });
const group: ChatRef = { platform: 'telegram', id: '-100', kind: 'group' };

/** A bot with reader memory over the archive; `say` runs a command line as a user in a chat. */
function botOver(archive: Archive) {
	const dispatcher = createDispatcher(commands, { services: { archive }, readers: createKeyvReaderMemory(new Keyv(), archive) });
	return async (text: string, user = 'ada', chat: ChatRef = privateChat(user), locale?: string): Promise<Block[]> => {
		const blocks: Block[] = [];
		for await (const block of completeBlocks(dispatcher.runText(text, { chat, user: { id: user }, locale }))) blocks.push(block);
		return blocks;
	};
}

async function put(archive: Archive, text: string, file: string): Promise<void> {
	await archive.put(parseIssue(text, { file }).issue, { bytes: text, file });
}

const actionsOf = (blocks: readonly Block[]): ActionsBlock | undefined => blocks.find((block): block is ActionsBlock => block.type === 'actions');

describe('/since for a reader the bot has never shown an issue', () => {
	it('when they send plain /since then they get the latest issue and the argument forms, and next time they are up to date', async () => {
		const say = botOver(await archiveWith(...recentDigests()));
		const first = textOf(await say('/since'));
		expect(first).toContain('Digest 1 days ago');
		expect(first).not.toContain('Digest 3 days ago');
		expect(first).toContain('/since 7d');
		expect(first).toContain('/since 2026-03-01');
		const second = await say('/since');
		expect(textOf(second)).toMatch(/You’re up to date\. The latest issue is Digest 1 days ago/);
		expect(second.some((block) => block.type === 'failure')).toBe(false);
	});
});

describe('/since after the reader was shown an issue', () => {
	it('when new issues arrive after /latest then plain /since lists only those, newest first, headlines grouped by section', async () => {
		const archive = await archiveWith(...recentDigests().slice(0, 2));
		const say = botOver(archive);
		await say('/latest');
		await put(archive, recentDigests()[2]!, 'three.md');
		await put(archive, recentDigests()[3]!, 'one.md');
		const text = textOf(await say('/since'));
		expect(text).toContain('2 new issues since you last looked');
		expect(text).not.toContain('Digest 10 days ago');
		expect(text.indexOf('Digest 1 days ago')).toBeLessThan(text.indexOf('Digest 3 days ago'));
		// Each issue's sections in its own order, its headlines under them.
		const newest = text.slice(text.indexOf('Digest 1 days ago'), text.indexOf('Digest 3 days ago'));
		expect(newest).toMatch(/Top Stories\n1\. Top of 1\nResearch\n2\. Paper of 1\nPolicy\n3\. Bill of 1/);
		expect(textOf(await say('/since'))).toContain('You’re up to date');
	});

	it('when the reader looks back at an older issue then /since still starts from the newest they saw', async () => {
		const archive = await archiveWith(...recentDigests());
		const say = botOver(archive);
		await say('/latest');
		await say(`/issue ${daysAgo(20)}`);
		expect(textOf(await say('/since'))).toContain('You’re up to date');
	});

	it('when a command fails after finding the issue then nothing is remembered', async () => {
		const say = botOver(await archiveWith(...recentDigests()));
		expect((await say('/story 99'))[0]).toMatchObject({ code: 'story-not-found' });
		expect(textOf(await say('/since'))).toContain('I haven’t shown you an issue yet');
	});

	it('when /top, /story or /section showed the latest issue then /since is up to date', async () => {
		for (const command of ['/top', '/story 1', '/section research', '/issue 4']) {
			const say = botOver(await archiveWith(...recentDigests()));
			await say(command);
			expect(textOf(await say('/since')), command).toContain('You’re up to date');
		}
	});
});

describe('/since in a group', () => {
	it('when two members ask then each gets their own answer, from what they themselves were shown', async () => {
		const archive = await archiveWith(...recentDigests().slice(0, 3));
		const say = botOver(archive);
		await say('/issue 1', 'ada', group);
		await say('/latest', 'bob', group);
		await put(archive, recentDigests()[3]!, 'one.md');
		const ada = textOf(await say('/since', 'ada', group));
		const bob = textOf(await say('/since', 'bob', group));
		const eve = textOf(await say('/since', 'eve', group));
		expect(ada).toContain('3 new issues since you last looked');
		expect(bob).toContain('1 new issue since you last looked');
		expect(bob).not.toContain('Digest 3 days ago');
		expect(eve).toContain('I haven’t shown you an issue yet');
	});
});

describe('/since with a period or a date', () => {
	it('when given 7d then it lists the issues of the last seven days and says which period', async () => {
		const say = botOver(await archiveWith(...recentDigests()));
		const text = textOf(await say('/since 7d'));
		expect(text).toContain('2 issues in the last 7 days');
		expect(text).toContain('Digest 1 days ago');
		expect(text).toContain('Digest 3 days ago');
		expect(text).not.toContain('Digest 10 days ago');
	});

	it('when given a date then issues of that day and after are listed', async () => {
		const say = botOver(await archiveWith(...recentDigests()));
		const text = textOf(await say(`/since ${daysAgo(10)}`));
		expect(text).toContain('3 issues since');
		expect(text).toContain('Digest 10 days ago');
		expect(text).not.toContain('Digest 20 days ago');
	});

	it('when nothing came out in the period then the reader is told they are up to date, with the latest title', async () => {
		const archive = await archiveWith(buildDigest({ title: 'Old news', date: daysAgo(30), top: [{ title: 'x' }] }));
		const say = botOver(archive);
		const blocks = await say('/since 7d');
		expect(textOf(blocks)).toMatch(/^You’re up to date\. No issue came out in the last 7 days\. The latest issue is Old news \(\w{3} \d+, \d{4}\)\.\nLatest issue$/);
		expect(blocks.some((block) => block.type === 'failure')).toBe(false);
	});

	const bad: [string, RegExp][] = [
		['abc', /How far back: must be a number of days such as 7d, or a date such as 2026-03-01\. Usage: \/since \[7d\|2026-03-01\] \[page\]/],
		['99999d', /must be between 1d and 3650d/],
		['0d', /must be between 1d and 3650d/],
		['2026-02-30', /2026-02-30 is not a date on the calendar/],
		[daysAgo(-30), /is in the future/],
		['7d many', /Page number: must be a number/],
	];
	for (const [argument, problem] of bad) {
		it(`when given "${argument}" then it answers with the problem and the usage`, async () => {
			const blocks = await botOver(await archiveWith(...recentDigests()))(`/since ${argument}`);
			expect(blocks).toHaveLength(1);
			expect(blocks[0]).toMatchObject({ type: 'failure', code: 'bad-argument' });
			expect(textOf(blocks)).toMatch(problem);
		});
	}

	it('when the archive is empty then it says so', async () => {
		expect(await botOver(await archiveWith())('/since 7d')).toEqual([expect.objectContaining({ code: 'no-issues' })]);
	});
});

describe('/since pages', () => {
	it('when the missed headlines do not fit one page then every headline appears once across pages with Newer/Older buttons', async () => {
		const big = (age: number): string => buildDigest({ title: `Big ${age}`, date: daysAgo(age), top: stories(`Top ${age}`, 4), sections: { Research: stories(`Research ${age}`, 30), Tools: stories(`Tools ${age}`, 20) } });
		const say = botOver(await archiveWith(big(3), big(2), big(1)));
		const first = await say('/since 7d');
		const pages = Number(/page 1 of (\d+)/.exec(textOf(first))?.[1]);
		expect(pages).toBeGreaterThan(2);
		expect(actionsOf(first)?.actions).toEqual([{ label: 'Older ▶', command: 'since', args: ['7d', '2'] }]);
		let all = '';
		for (let page = 1; page <= pages; page += 1) {
			const blocks = await say(`/since 7d ${page}`);
			const text = textOf(blocks);
			// A page fits one Discord message, so paging edits it in place.
			expect(text.length).toBeLessThan(1900);
			all += `${text}\n`;
			const labels = actionsOf(blocks)?.actions.map((action) => action.label);
			expect(labels).toEqual([...(page > 1 ? ['◀ Newer'] : []), ...(page < pages ? ['Older ▶'] : [])]);
		}
		for (const age of [1, 2, 3]) {
			for (const name of [...stories(`Research ${age}`, 30), ...stories(`Tools ${age}`, 20)].map((story) => story.title)) {
				expect(all.split(`. ${name}\n`), name).toHaveLength(2);
			}
		}
		expect(all).toMatch(/Research \(continued\)|Big \d .*\(continued\)/);
		expect(all.indexOf('Big 1')).toBeLessThan(all.indexOf('Big 3'));
	});

	it('when plain /since has pages then its buttons carry the issue it started after, not "since you last looked" again', async () => {
		const big = (age: number): string => buildDigest({ title: `Big ${age}`, date: daysAgo(age), top: stories(`Top ${age}`, 4), sections: { Research: stories(`Research ${age}`, 40) } });
		const archive = await archiveWith(big(9));
		const say = botOver(archive);
		await say('/latest');
		await put(archive, big(2), 'two.md');
		await put(archive, big(1), 'one.md');
		const first = await say('/since');
		expect(actionsOf(first)?.actions).toEqual([{ label: 'Older ▶', command: 'since', args: ['#1', '2'] }]);
		// The first page showed the newest issue: plain /since is now up to date, the button still pages.
		expect(textOf(await say('/since'))).toContain('You’re up to date');
		expect(textOf(await say('/since #1 2'))).toMatch(/2 issues after issue #1 — page 2 of/);
	});
});

describe('/since in the reader’s language', () => {
	it('when a Russian-language reader catches up then the heading, the period and the argument problems are Russian and the headlines stay as written', async () => {
		const archive = await archiveWith(...recentDigests());
		const say = botOver(archive);
		const blocks = await say('/since 7d', 'ivan', privateChat('ivan'), 'ru');
		const text = textOf(blocks);
		expect(text).toMatch(/^2 выпуска за последние 7 дней/);
		expect(text).toContain('Paper of 3');
		expect(text).not.toMatch(/issues|in the last|page \d/);
		expect(textOf(await say('/since 2026-02-30', 'ivan', privateChat('ivan'), 'ru'))).toContain('2026-02-30 — такой даты нет в календаре');
	});

	it('when a Chinese-language reader is up to date then they are told so in Chinese, with the latest title as written', async () => {
		const archive = await archiveWith(buildDigest({ title: 'Old news', date: daysAgo(30), top: [{ title: 'x' }] }));
		const blocks = await botOver(archive)('/since 7d', 'li', privateChat('li'), 'zh-CN');
		expect(textOf(blocks)).toMatch(/^您已看完所有内容：最近 7 天没有新的一期。最新一期是 Old news（\d{4}年\d{1,2}月\d{1,2}日）。\n最新一期$/);
	});
});
