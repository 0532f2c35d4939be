import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { parseIssue } from '../../../src/parser/parse-issue.js';
import { buildDigest } from '../../builders/digest-builder.js';
import { startSeveralPublications, type SeveralPublications } from '../publications-fixture.js';
import { startHarness, type Harness } from './telegram-harness.js';

type Menu = { command: string; description: string }[];

/** The menus registered so far, by `language_code` ('' for the default one), latest last. */
function menus(harness: Harness, language = ''): Menu[] {
	return harness.fake
		.callsTo('setMyCommands')
		.filter((call) => call.ok && ((call.params.language_code as string | undefined) ?? '') === language)
		.map((call) => call.params.commands as Menu);
}

function descriptionOf(menu: Menu | undefined, command: string): string | undefined {
	return menu?.find((entry) => entry.command === command)?.description;
}

/** The commands that take a publication, as the commands declare it. */
const takingPublication = commands.filter((command) => command.options.some((option) => option.name === 'publication')).map((command) => command.name);

let harness: Harness | undefined;
let several: SeveralPublications | undefined;
afterEach(async () => {
	await harness?.close();
	await several?.cleanup();
	harness = undefined;
	several = undefined;
});

describe('telegram command menu with several publications', () => {
	it('when the bot starts then every command that takes a publication says so in each language, and the others read as before', async () => {
		several = await startSeveralPublications();
		harness = await startHarness({ archive: several.archive, publications: several.publications });
		const english = menus(harness).at(-1);
		expect(takingPublication).toEqual(expect.arrayContaining(['latest', 'top', 'issues']));
		for (const name of takingPublication) expect(descriptionOf(english, name)).toMatch(/^\[publication\] — \S/);
		expect(descriptionOf(english, 'latest')).toBe(`[publication] — ${commands.find((command) => command.name === 'latest')!.description}`);
		expect(descriptionOf(english, 'help')).toBe(commands.find((command) => command.name === 'help')!.description);
		expect(descriptionOf(menus(harness, 'ru').at(-1), 'latest')).toMatch(/^\[издание\] — /);
		expect(descriptionOf(menus(harness, 'zh').at(-1), 'latest')).toMatch(/^\[刊物\] — /);
	});
});

describe('telegram command menu with one publication', () => {
	it('when the bot starts then the menu is the commands\' own descriptions, unchanged', async () => {
		harness = await startHarness();
		const english = menus(harness).at(-1)!;
		for (const entry of english) expect(entry.description).toBe(commands.find((command) => command.name === entry.command)!.description);
	});

	it('when a second publication\'s first issue arrives after start-up then the menu is registered again, naming the publication option', async () => {
		harness = await startHarness();
		const archive = harness.archive;
		// One registration per language at start-up; the change registers every language again.
		const perRegistration = harness.fake.callsTo('setMyCommands').length;
		const text = buildDigest({ title: 'Beta Weekly', date: '2026-05-01', top: [{ title: 'A beta story' }] });
		await archive.put(parseIssue(text).issue, { bytes: new TextEncoder().encode(text), file: 'beta.md', publication: 'beta' });
		await harness.fake.waitFor(() => harness!.fake.callsTo('setMyCommands').length >= 2 * perRegistration || undefined);
		await harness.fake.settle();
		expect(descriptionOf(menus(harness).at(-1), 'latest')).toMatch(/^\[publication\] — /);
		expect(descriptionOf(menus(harness, 'ru').at(-1), 'latest')).toMatch(/^\[издание\] — /);
		// Another issue of a publication already known changes nothing.
		const after = harness.fake.callsTo('setMyCommands').length;
		await archive.put(parseIssue(text.replace('A beta story', 'Another beta story')).issue, { bytes: new TextEncoder().encode(`${text} `), file: 'beta.md', publication: 'beta' });
		await harness.fake.settle();
		expect(harness.fake.callsTo('setMyCommands').length).toBe(after);
	});
});
