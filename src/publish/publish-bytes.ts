import type { Logger } from 'pino';
import type { Archive, IngestOutcome } from '../archive/archive.js';
import { parseIssue, type IssueFormat } from '../parser/parse-issue.js';

export interface PublishResult {
	readonly outcome: IngestOutcome;
	readonly issueId: string;
	readonly title: string;
}

/**
 * Puts digest bytes that did not come from DIGEST_DIR (the HTTP endpoint) into the archive.
 * Throws DigestParseError for a bad digest so the caller can answer with the reason. Without a
 * file name the issue is filed by its own id, so publishing the same issue again updates it
 * (and never reposts it) instead of filing a second copy.
 */
export async function publishBytes(archive: Archive, bytes: Uint8Array, options: { readonly file?: string; readonly format?: IssueFormat; readonly log?: Logger } = {}): Promise<PublishResult> {
	const parsed = parseIssue(bytes, { ...(options.file ? { file: options.file } : {}), ...(options.format ? { format: options.format } : {}) });
	const result = await archive.put(parsed.issue, { bytes, ...(options.file ? { file: options.file } : {}) });
	options.log?.info({ issue: result.issue.id, outcome: result.outcome, file: options.file }, 'issue published');
	return { outcome: result.outcome, issueId: result.issue.id, title: result.issue.title };
}
