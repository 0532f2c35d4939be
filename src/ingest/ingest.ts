import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DigestParseError } from '../errors/digest-parse-error.js';
import type { Issue } from '../model/issue.js';
import { digestFilePattern, parseIssue, type IssueFormat, type ParsedIssue } from '../parser/parse-issue.js';
import type { Archive, IngestOutcome } from '../archive/archive.js';

/**
 * The one path every digest takes into the archive, whatever brought it: parse → validate →
 * store → index. The start-up scan of DIGEST_DIR and its watcher come through `ingestFile`,
 * `POST /issues` through `ingestDigest`, and `cli publish` validates with `readDigest` before
 * placing the file in DIGEST_DIR, where the watcher (or the next start) takes it the same way.
 */

/** Where digest bytes came from. */
export interface DigestSource {
	/** The file's name (in DIGEST_DIR, or `?file=`): errors name it and the archive files the issue under it. Without one the issue is filed by its own id, so sending it again updates it. */
	readonly file?: string;
	/** The format the sender declared (`Content-Type: text/html`); otherwise the name and the content decide. */
	readonly format?: IssueFormat;
	/** The publication's slug the sender named (`POST /issues?publication=`); otherwise the archive assigns it by the file. */
	readonly publication?: string;
}

export interface IngestedIssue {
	readonly outcome: IngestOutcome;
	readonly issue: Issue;
}

export interface IngestReport {
	readonly file: string;
	readonly outcome: IngestOutcome | 'rejected';
	readonly issueId?: string;
	readonly reason?: string;
}

/** Parses and validates digest bytes without storing them. Throws DigestParseError for a file that is no digest. */
export function readDigest(bytes: Uint8Array, source: DigestSource = {}, log?: Logger): ParsedIssue {
	const parsed = parseIssue(bytes, source);
	for (const warning of parsed.warnings) log?.debug({ file: source.file, line: warning.line }, warning.message);
	return parsed;
}

/**
 * Reads digest bytes and files the issue: `Archive.put` stores it and updates the search index,
 * and its listeners (the broadcast planner) hear of an added or changed issue. Throws
 * DigestParseError for a bad digest, so a caller that answers someone can say why.
 */
export async function ingestDigest(archive: Archive, bytes: Uint8Array, source: DigestSource = {}, log?: Logger): Promise<IngestedIssue> {
	const parsed = readDigest(bytes, source, log);
	const result = await archive.put(parsed.issue, { bytes, file: source.file, publication: source.publication });
	if (result.outcome !== 'unchanged') log?.info({ file: source.file, issue: result.issue.id, stories: result.issue.stories.length }, `issue ${result.outcome}`);
	return result;
}

/** Parses one file into the archive. A bad file is reported, never thrown: the archive keeps what it had. */
export async function ingestFile(archive: Archive, file: string, log?: Logger): Promise<IngestReport> {
	let bytes: Buffer;
	try {
		bytes = await readFile(file);
	} catch (error) {
		const reason = `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
		log?.warn({ file, reason }, 'digest skipped');
		return { file, outcome: 'rejected', reason };
	}
	return ingestBytes(archive, bytes, file, log);
}

/** {@link ingestDigest} for a file of DIGEST_DIR: a bad digest is logged and reported, not thrown. */
export async function ingestBytes(archive: Archive, bytes: Uint8Array, file: string, log?: Logger): Promise<IngestReport> {
	try {
		const result = await ingestDigest(archive, bytes, { file }, log);
		return { file, outcome: result.outcome, issueId: result.issue.id };
	} catch (error) {
		if (!(error instanceof DigestParseError)) throw error;
		log?.warn({ file, reason: error.reason }, `digest skipped: ${error.message}`);
		return { file, outcome: 'rejected', reason: error.message };
	}
}

/**
 * Ingests every digest file of a folder, in name order, then those of each sub-folder: one
 * publication per sub-folder (`DIGEST_DIR/<slug>/`, see src/publications). Dot-folders are
 * work in progress and skipped, as dot-files are.
 */
export async function ingestDirectory(archive: Archive, directory: string, log?: Logger): Promise<IngestReport[]> {
	let entries: Dirent[];
	try {
		entries = await readdir(directory, { withFileTypes: true });
	} catch (error) {
		log?.error({ directory, code: (error as NodeJS.ErrnoException).code }, 'digest folder cannot be read');
		return [];
	}
	const reports: IngestReport[] = [];
	const files = entries.filter((entry) => !entry.isDirectory() && digestFilePattern.test(entry.name)).map((entry) => entry.name);
	for (const name of files.sort()) {
		reports.push(await ingestFile(archive, join(directory, name), log));
	}
	const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name);
	for (const folder of folders.sort()) {
		const names = await readdir(join(directory, folder)).catch(() => [] as string[]);
		for (const name of names.filter((candidate) => digestFilePattern.test(candidate)).sort()) {
			reports.push(await ingestFile(archive, join(directory, folder, name), log));
		}
	}
	return reports;
}
