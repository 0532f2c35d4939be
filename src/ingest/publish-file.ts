import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DigestParseError } from '../errors/digest-parse-error.js';
import { readDigest } from './ingest.js';
import { detectFormat, digestFilePattern } from '../parser/parse-issue.js';
import { isPublicationSlug } from '../publications/publication.js';

export interface PublishFileResult {
	readonly issueId: string;
	readonly title: string;
	readonly stories: number;
	/** Where the digest now lives in DIGEST_DIR. */
	readonly target: string;
	/** False when DIGEST_DIR already held these exact bytes under that name. */
	readonly copied: boolean;
}

/**
 * `npm run cli -- publish FILE`: checks that FILE parses, then places it in DIGEST_DIR, the one
 * door every issue comes through. A running bot's watcher picks it up at once; a stopped bot
 * picks it up at its next start and posts it then. The copy is written under a dot-name and
 * renamed, so the watcher never reads half a file. Throws DigestParseError for a bad digest.
 */
export async function publishFile(source: string, digestDir: string, publication?: string): Promise<PublishFileResult> {
	// A publication is a sub-folder of DIGEST_DIR, which the watcher and the start-up scan read as one.
	if (publication !== undefined) digestDir = join(digestDir, publication);
	const bytes = await readFile(source);
	// Validated on the one ingest path's first steps; the watcher (or the next start) then files it.
	const { issue } = readDigest(bytes, { file: source });
	// A file of another extension keeps its name plus the extension of what it was read as.
	const name = digestFilePattern.test(basename(source)) ? basename(source) : `${basename(source)}${detectFormat(bytes.toString('utf8')) === 'html' ? '.html' : '.md'}`;
	const target = join(resolve(digestDir), name);
	const result = { issueId: issue.id, title: issue.title, stories: issue.stories.length, target };
	if (resolve(source) === target) return { ...result, copied: false };
	const existing = await readFile(target).catch(() => undefined);
	if (existing?.equals(bytes)) return { ...result, copied: false };
	await mkdir(resolve(digestDir), { recursive: true });
	const temporary = join(resolve(digestDir), `.${name}.${process.pid}.publishing`);
	await writeFile(temporary, bytes);
	await rename(temporary, target);
	return { ...result, copied: true };
}

export interface CommandOutput {
	write(text: string): unknown;
}

/** The CLI subcommand around {@link publishFile}: one line of outcome, exit code 0 or 1. */
export async function runPublishCommand(args: readonly string[], digestDir: string, stdout: CommandOutput, stderr: CommandOutput): Promise<number> {
	const { file, publication } = readPublishArguments(args);
	if (!file) {
		stderr.write('usage: npm run cli -- publish FILE [--publication SLUG]\n');
		return 1;
	}
	if (publication !== undefined && !isPublicationSlug(publication)) {
		stderr.write('error: --publication takes a slug: a lowercase word of letters, digits and -, starting with a letter (not all or latest)\n');
		return 1;
	}
	try {
		const result = await publishFile(file, digestDir, publication);
		stdout.write(
			result.copied
				? `published "${result.title}" (${result.issueId}, ${result.stories} stories) to ${result.target}; a running bot posts it now, a stopped one at its next start\n`
				: `"${result.title}" (${result.issueId}) is already in ${result.target}; nothing to do\n`,
		);
		return 0;
	} catch (error) {
		if (error instanceof DigestParseError) {
			stderr.write(`error: ${error.message}\n`);
			return 1;
		}
		const code = (error as NodeJS.ErrnoException).code;
		if (code) {
			stderr.write(`error: cannot publish ${file} (${code})\n`);
			return 1;
		}
		throw error;
	}
}

/** `FILE`, `--publication SLUG` or `--publication=SLUG`, in any order. */
function readPublishArguments(args: readonly string[]): { file?: string; publication?: string } {
	let file: string | undefined;
	let publication: string | undefined;
	for (let index = 0; index < args.length; index += 1) {
		const argument = args[index]!;
		if (argument === '--publication') publication = args[(index += 1)] ?? '';
		else if (argument.startsWith('--publication=')) publication = argument.slice('--publication='.length);
		else if (!argument.startsWith('--')) file ??= argument;
	}
	return { file, publication };
}
