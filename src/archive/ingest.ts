import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DigestParseError } from '../errors/digest-parse-error.js';
import { digestFilePattern, parseIssue } from '../parser/parse-issue.js';
import type { Archive, IngestOutcome } from './archive.js';

export interface IngestReport {
	readonly file: string;
	readonly outcome: IngestOutcome | 'rejected';
	readonly issueId?: string;
	readonly reason?: string;
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

/** Parses digest bytes from any origin (a file, the publish endpoint, the CLI) into the archive. */
export async function ingestBytes(archive: Archive, bytes: Uint8Array, file: string, log?: Logger): Promise<IngestReport> {
	try {
		const parsed = parseIssue(bytes, { file });
		for (const warning of parsed.warnings) log?.debug({ file, line: warning.line }, warning.message);
		const result = await archive.put(parsed.issue, { bytes, file });
		if (result.outcome !== 'unchanged') log?.info({ file, issue: result.issue.id, stories: result.issue.stories.length }, `issue ${result.outcome}`);
		return { file, outcome: result.outcome, issueId: result.issue.id };
	} catch (error) {
		if (!(error instanceof DigestParseError)) throw error;
		log?.warn({ file, reason: error.reason }, `digest skipped: ${error.message}`);
		return { file, outcome: 'rejected', reason: error.message };
	}
}

/** Ingests every digest file of a folder, in name order. */
export async function ingestDirectory(archive: Archive, directory: string, log?: Logger): Promise<IngestReport[]> {
	let names: string[];
	try {
		names = await readdir(directory);
	} catch (error) {
		log?.error({ directory, code: (error as NodeJS.ErrnoException).code }, 'digest folder cannot be read');
		return [];
	}
	const reports: IngestReport[] = [];
	for (const name of names.filter((candidate) => digestFilePattern.test(candidate)).sort()) {
		reports.push(await ingestFile(archive, join(directory, name), log));
	}
	return reports;
}
