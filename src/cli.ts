/**
 * `npm run cli -- parse FILE [--json] [--explain]`: shows how the bot reads an issue (Markdown or
 * HTML), so a publisher can check a digest before publishing it; `--explain` names the rule that
 * made each story and where the date came from. `npm run cli -- publish FILE`: puts it in DIGEST_DIR,
 * where the running bot (or the next start) posts it. Errors are one line on stderr, exit 1.
 */
import { readFile } from 'node:fs/promises';
import { loadConfig, type Settings } from './config/config.js';
import { ConfigError } from './errors/config-error.js';
import { DigestParseError } from './errors/digest-parse-error.js';
import { runPublishCommand } from './ingest/publish-file.js';
import { runFeedsCommand } from './feeds/feeds-command.js';
import { createKeyvFeedStore } from './feeds/feed-store.js';
import { createKeyv } from './store/create-keyv.js';
import { parseIssue, type ParsedIssue } from './parser/parse-issue.js';
import { storyRules } from './parser/shapes/story-rules.js';

const usage = 'usage: npm run cli -- parse FILE [--json] [--explain] | publish FILE | feeds list|add|remove|resume [URL]';

async function main(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === 'publish') return publish(rest);
	if (command === 'feeds') return feeds(rest);
	const json = rest.includes('--json');
	const explain = rest.includes('--explain');
	const file = rest.find((argument) => !argument.startsWith('--'));
	if (command !== 'parse' || !file) {
		process.stderr.write(`${usage}\n`);
		return 1;
	}
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		process.stderr.write(`error: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})\n`);
		return 1;
	}
	let parsed: ParsedIssue;
	try {
		parsed = parseIssue(bytes, { file });
	} catch (error) {
		if (error instanceof DigestParseError) {
			process.stderr.write(`error: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
	process.stdout.write(json ? `${JSON.stringify(summarise(parsed, explain), null, 2)}\n` : describe(parsed, explain));
	return 0;
}

/** The settings, or undefined after saying on stderr which variable is wrong. */
function loadSettings(): Settings | undefined {
	try {
		return loadConfig(process.env);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		process.stderr.write(`${error.message}\n`);
		return undefined;
	}
}

async function publish(args: readonly string[]): Promise<number> {
	const settings = loadSettings();
	if (!settings) return 1;
	return runPublishCommand(args, settings.digestDir, process.stdout, process.stderr);
}

/** `feeds …` works on the bot's own store (STORE_URL or DATA_DIR), so a running bot sees the change. */
async function feeds(args: readonly string[]): Promise<number> {
	const settings = loadSettings();
	if (!settings) return 1;
	const keyv = await createKeyv({ ...(settings.STORE_URL ? { url: settings.STORE_URL } : {}), dataDir: settings.dataDir });
	try {
		return await runFeedsCommand(args, createKeyvFeedStore(keyv), process.stdout, process.stderr);
	} finally {
		await keyv.disconnect();
	}
}

/** The shape other tools rely on; keep its keys stable (`--explain` only adds keys). */
function summarise({ issue, warnings, explanation }: ParsedIssue, explain = false) {
	return {
		title: issue.title,
		date: issue.date,
		...(explain ? { dateSource: explanation.dateSource ?? null } : {}),
		sections: issue.sections.map((section) => ({ title: section.title, subsections: section.subsections })),
		stories: issue.stories.map((story, index) => ({
			number: story.number,
			title: story.title,
			section: story.section,
			...(story.subsection ? { subsection: story.subsection } : {}),
			top: story.top,
			...(story.sponsored ? { sponsored: true } : {}),
			citations: story.citations,
			...(explain ? explainStory(explanation.stories[index]!.rule) : {}),
		})),
		sources: issue.sources,
		warnings: warnings.map((warning) => (warning.line ? `line ${warning.line}: ${warning.message}` : warning.message)),
	};
}

function explainStory(rule: keyof typeof storyRules) {
	return { rule, because: storyRules[rule] };
}

function describe(result: ParsedIssue, explain: boolean): string {
	const summary = summarise(result, explain);
	const dateLine = `date: ${summary.date ?? 'none (undated)'}${explain && result.explanation.dateSource ? ` (from ${result.explanation.dateSource})` : ''}`;
	const lines = [`${summary.title}`, dateLine, `sections: ${summary.sections.length}, stories: ${summary.stories.length}, sources: ${summary.sources.length}`, ''];
	for (const story of summary.stories) {
		const label = `${String(story.number).padStart(3)}${story.top ? '*' : ' '} ${story.title}${story.sponsored ? ' (sponsored)' : ''}  [${story.section}${story.subsection ? ` › ${story.subsection}` : ''}]`;
		lines.push(explain && 'rule' in story ? `${label}  ← ${story.rule}: ${story.because}` : label);
	}
	if (summary.warnings.length > 0) lines.push('', 'warnings:', ...summary.warnings.map((warning) => `  ${warning}`));
	return `${lines.join('\n')}\n`;
}

process.exitCode = await main(process.argv.slice(2));
