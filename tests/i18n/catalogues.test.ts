import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { locales } from '../../src/i18n/locale.js';
import { catalogues, translatorFor } from '../../src/i18n/translator.js';

/** Each message of a Fluent source with the variables it uses. */
function messagesOf(source: string): Map<string, Set<string>> {
	const messages = new Map<string, Set<string>>();
	let current: Set<string> | undefined;
	for (const line of source.split('\n')) {
		const start = /^([a-z][\w-]*) =/.exec(line);
		if (start) messages.set(start[1]!, (current = new Set()));
		else if (!/^\s/.test(line)) current = undefined;
		for (const variable of line.matchAll(/\{\s*\$(\w+)/g)) current?.add(variable[1]!);
	}
	return messages;
}

const english = messagesOf(catalogues.en);
/** The words English keeps with each command, which the other catalogues must carry. */
const commandKeys = commands.flatMap((command) => [`command-${command.name}`, `usage-${command.name}`, ...command.options.map((option) => `option-${command.name}-${option.name}`)]);

describe('message catalogues', () => {
	for (const locale of locales.filter((candidate) => candidate !== 'en')) {
		const translated = messagesOf(catalogues[locale]);

		it(`when the ${locale} catalogue is read then it has every message English has, with the same variables`, () => {
			const missing = [...english.keys()].filter((id) => !translated.has(id));
			expect(missing).toEqual([]);
			const changed = [...english].filter(([id, variables]) => [...variables].sort().join() !== [...(translated.get(id) ?? [])].sort().join()).map(([id]) => id);
			expect(changed).toEqual([]);
		});

		it(`when the ${locale} catalogue is read then every command, usage and option is described, and nothing else is added`, () => {
			expect(commandKeys.filter((id) => !translated.has(id))).toEqual([]);
			const extra = [...translated.keys()].filter((id) => !english.has(id) && !commandKeys.includes(id));
			expect(extra).toEqual([]);
		});

		it(`when ${locale} messages are formatted then none falls back to English or shows a raw id`, () => {
			const t = translatorFor(locale);
			for (const id of english.keys()) {
				expect(t.has(id)).toBe(true);
				expect(t.text(id, { count: 2, number: '3', max: '5', seconds: 3, perMinute: 5 })).not.toBe(id);
			}
		});
	}

	it('when the sources are searched then every English message is used somewhere (ids built from a prefix count for theirs)', async () => {
		const files = [...(await sourcesUnder('src')), ...(await sourcesUnder('commands')), ...(await sourcesUnder('adapters'))].filter((file) => !file.includes('catalogues'));
		const code = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
		// Ids made at run time: `format-${format}`, the chat labels ("this group" → this-group), `failure-…` by code,
		// why the bot cannot post (`cannot-post-${reason}`) and the permissions it lacks (`permission-${name}`).
		const built = (id: string): boolean => /^(format|this|cannot-post|permission)-/.test(id);
		const unused = [...english.keys()].filter((id) => !built(id) && !code.includes(`'${id}'`));
		expect(unused).toEqual([]);
	});
});

async function sourcesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}
