import { basename } from 'node:path';
import { DigestParseError } from '../errors/digest-parse-error.js';
import { HttpRequestError } from '../errors/http-request-error.js';
import type { IngestOutcome } from '../archive/archive.js';
import type { DigestSource } from '../ingest/ingest.js';
import type { IssueFormat } from '../parser/parse-issue.js';
import { isPublicationSlug } from '../publications/publication.js';
import { hasBearerToken } from './bearer-token.js';
import type { HttpRoute } from './http-server.js';
import { readBody } from './read-body.js';
import { sendJson } from './send-json.js';

export interface PublishRouteOptions {
	/** `PUBLISH_TOKEN`; without one the endpoint answers 503 rather than accept anyone. */
	readonly token: string | undefined;
	readonly maxBytes: number;
	/**
	 * Files the bytes into the archive (the composition root hands in `ingestDigest`); throws
	 * DigestParseError for a bad digest. A function, not the archive, so HTTP stays a door and
	 * knows nothing of what is behind it.
	 */
	readonly ingest: (bytes: Uint8Array, source: DigestSource) => Promise<{ readonly outcome: IngestOutcome; readonly issue: { readonly id: string; readonly title: string } }>;
}

/** The answer's body; its keys are what publishers' scripts read. */
export interface PublishResult {
	readonly outcome: IngestOutcome;
	readonly issueId: string;
	readonly title: string;
}

/**
 * `POST /issues`: the body is the digest, Markdown or (with `Content-Type: text/html`) HTML.
 * `?file=NAME.md` optionally names it like a file in DIGEST_DIR would be; `?publication=SLUG`
 * files it in that publication (default: the digest folder's). Answers 201 for a new issue, 200 when it updated or repeated a
 * known one (which is never posted again), 401 without the right token, 413 when too large,
 * 422 with the parser's reason for a bad digest.
 */
export function createPublishRoute(options: PublishRouteOptions): HttpRoute {
	return {
		method: 'POST',
		path: '/issues',
		async handle(request, response) {
			if (!options.token) throw new HttpRequestError(503, 'publishing-disabled', 'publishing over HTTP is off: set PUBLISH_TOKEN');
			if (!hasBearerToken(request.headers.authorization, options.token)) {
				response.setHeader('WWW-Authenticate', 'Bearer');
				throw new HttpRequestError(401, 'unauthorized', 'a valid bearer token is required');
			}
			const bytes = await readBody(request, options.maxBytes);
			const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
			const name = query.get('file');
			const publication = query.get('publication') ?? undefined;
			if (publication !== undefined && !isPublicationSlug(publication)) {
				throw new HttpRequestError(400, 'invalid-publication', 'publication must be a slug: a lowercase word of letters, digits and -, starting with a letter (not all or latest)');
			}
			const file = name ? basename(name).replace(/[^\w.-]/g, '_').slice(0, 120) : undefined;
			const format = formatOf(request.headers['content-type']);
			let result: PublishResult;
			try {
				const ingested = await options.ingest(bytes, { file, format, publication });
				result = { outcome: ingested.outcome, issueId: ingested.issue.id, title: ingested.issue.title };
			} catch (error) {
				if (error instanceof DigestParseError) throw new HttpRequestError(422, 'invalid-digest', error.message, { cause: error });
				throw error;
			}
			sendJson(response, result.outcome === 'added' ? 201 : 200, result);
		},
	};
}

/** The declared media type picks the format; anything else is left to the file name and the content. */
function formatOf(contentType: string | undefined): IssueFormat | undefined {
	const type = contentType?.split(';')[0]?.trim().toLowerCase();
	if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
	if (type === 'text/markdown' || type === 'text/x-markdown') return 'markdown';
	return undefined;
}
