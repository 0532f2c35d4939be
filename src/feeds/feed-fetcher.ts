import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createGuardedLookup, isPrivateAddress, privateAddressCode } from './address-guard.js';

/** What the previous successful fetch said, sent back so an unchanged feed costs a 304. */
export interface FeedValidators {
	readonly etag?: string;
	readonly lastModified?: string;
}

export interface FetchLimits {
	readonly timeoutMs: number;
	readonly maxBytes: number;
	readonly maxRedirects: number;
	readonly allowPrivate: boolean;
}

/** The bounds: 15 s, 10 MB after decompression, 5 redirects, public addresses only. */
export const defaultFetchLimits: FetchLimits = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, allowPrivate: false };

interface FetchedCommon {
	/** Where the last redirect led. */
	readonly url: string;
	/** `Cache-Control: max-age`, in ms. */
	readonly maxAgeMs?: number;
}

export type FetchOutcome =
	| (FetchedCommon & { readonly kind: 'fetched'; readonly body: Buffer; readonly contentType: string; readonly validators: FeedValidators })
	| (FetchedCommon & { readonly kind: 'not-modified'; readonly validators: FeedValidators })
	| { readonly kind: 'failed'; readonly reason: string; readonly status?: number; readonly retryAfterMs?: number };

const userAgent = 'digestbot feed reader (+https://github.com/digestbot)';

/**
 * One conditional GET of a feed, bounded in time, size and redirects. Never throws: every way
 * a fetch can go wrong comes back as `failed` with a short reason an operator can act on
 * (`HTTP 404`, `timed out after 15 s`, `TLS error`, `larger than 10 MB`...).
 */
export async function fetchFeed(url: string, validators: FeedValidators, limits: FetchLimits, now: () => number = Date.now): Promise<FetchOutcome> {
	const deadline = now() + limits.timeoutMs;
	let current = url;
	for (let redirects = 0; ; redirects += 1) {
		const refused = refuseUrl(current, limits.allowPrivate);
		if (refused) return { kind: 'failed', reason: refused };
		const result = await requestOnce(current, validators, limits, deadline - now());
		if (result.kind !== 'redirect') return result;
		if (redirects >= limits.maxRedirects) return { kind: 'failed', reason: `more than ${limits.maxRedirects} redirects` };
		current = result.location;
	}
}

function refuseUrl(url: string, allowPrivate: boolean): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'not a valid URL';
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol.replace(':', '')} URLs are not followed (http and https only)`;
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	// An IP literal never goes through the guarded DNS lookup, so it is checked here.
	if (!allowPrivate && (isIP(host) !== 0 ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))) return 'private address refused (set FEED_ALLOW_PRIVATE=true to allow)';
	return undefined;
}

type OnceResult = FetchOutcome | { readonly kind: 'redirect'; readonly location: string };

function requestOnce(url: string, validators: FeedValidators, limits: FetchLimits, remainingMs: number): Promise<OnceResult> {
	if (remainingMs <= 0) return Promise.resolve(timedOut(limits));
	return new Promise<OnceResult>((resolve) => {
		const target = new URL(url);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		let settled = false;
		const finish = (result: OnceResult): void => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			request.destroy();
			resolve(result);
		};
		const request = send(
			target,
			{
				method: 'GET',
				// A fresh socket per poll: a feed is fetched every few minutes at most, and a pooled
				// socket the server has closed meanwhile would fail as a reset.
				agent: false,
				lookup: createGuardedLookup(limits.allowPrivate),
				headers: {
					'User-Agent': userAgent,
					Accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1',
					'Accept-Encoding': 'gzip, br, deflate',
					...(validators.etag ? { 'If-None-Match': validators.etag } : {}),
					...(validators.lastModified ? { 'If-Modified-Since': validators.lastModified } : {}),
				},
			},
			(response) => {
				void readResponse(url, response, limits).then(finish, (error: unknown) => finish({ kind: 'failed', reason: describeNetworkError(error) }));
			},
		);
		const timer = setTimeout(() => finish(timedOut(limits)), remainingMs);
		request.on('error', (error) => finish({ kind: 'failed', reason: describeNetworkError(error) }));
		request.end();
	});
}

function timedOut(limits: FetchLimits): FetchOutcome {
	return { kind: 'failed', reason: `timed out after ${limits.timeoutMs / 1000} s` };
}

async function readResponse(url: string, response: IncomingMessage, limits: FetchLimits): Promise<OnceResult> {
	const status = response.statusCode ?? 0;
	const maxAgeMs = readMaxAge(response.headers['cache-control']);
	const common = { url, ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) };
	const next = readValidators(response);
	if (status >= 300 && status < 400 && status !== 304) {
		response.resume();
		const location = response.headers.location;
		if (!location) return { kind: 'failed', status, reason: `HTTP ${status} without a Location` };
		return { kind: 'redirect', location: new URL(location, url).toString() };
	}
	if (status === 304) {
		response.resume();
		return { kind: 'not-modified', ...common, validators: next };
	}
	if (status !== 200) {
		response.resume();
		const retryAfterMs = readRetryAfter(response.headers['retry-after']);
		return { kind: 'failed', status, reason: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
	}
	const declared = Number(response.headers['content-length']);
	const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
	if (encoding === 'identity' && Number.isFinite(declared) && declared > limits.maxBytes) {
		response.destroy();
		return { kind: 'failed', reason: tooLarge(limits) };
	}
	const body = await readCapped(decode(response, encoding), limits.maxBytes);
	if (!body) {
		response.destroy();
		return { kind: 'failed', reason: tooLarge(limits) };
	}
	return { kind: 'fetched', ...common, body, contentType: String(response.headers['content-type'] ?? '').toLowerCase(), validators: next };
}

function tooLarge(limits: FetchLimits): string {
	return `larger than ${Math.round(limits.maxBytes / (1024 * 1024))} MB`;
}

function decode(response: IncomingMessage, encoding: string): Readable {
	if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
	if (encoding === 'br') return response.pipe(createBrotliDecompress());
	if (encoding === 'deflate') return response.pipe(createInflate());
	return response;
}

/** The decoded body, or undefined as soon as it passes the cap: a gzip bomb is never inflated whole. */
async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxBytes) {
			stream.destroy();
			return undefined;
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

function readValidators(response: IncomingMessage): FeedValidators {
	const etag = response.headers.etag;
	const lastModified = response.headers['last-modified'];
	return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** `max-age` from Cache-Control; `no-store`/`no-cache` say nothing about how often to poll. */
function readMaxAge(header: string | undefined): number | undefined {
	const match = header ? /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header) : null;
	return match ? Number(match[1]) * 1000 : undefined;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
export function readRetryAfter(header: string | undefined, now: number = Date.now()): number | undefined {
	if (!header) return undefined;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const at = Date.parse(header);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const tlsCodes = /^(EPROTO$|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** A network failure in the words `cli feeds list` shows. */
function describeNetworkError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
	if (code === privateAddressCode) return 'private address refused (set FEED_ALLOW_PRIVATE=true to allow)';
	if (tlsCodes.test(code)) return 'TLS error';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
	if (code === 'ECONNREFUSED') return 'connection refused';
	if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection reset';
	if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code.startsWith('ERR__')) return 'bad compressed body';
	return code ? `network error (${code})` : 'network error';
}
