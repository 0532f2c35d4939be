import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A request the host received. */
export interface FeedRequest {
	readonly path: string;
	readonly headers: IncomingHttpHeaders;
	readonly at: number;
}

export type FeedHandler = (request: IncomingMessage, response: ServerResponse, hit: number) => void | Promise<void>;

/** A feed document served with real conditional GET: 304 when the client's validator still matches. */
export interface ServedFeed {
	body: string;
	contentType?: string;
	/** Send an ETag (a hash of the body changes with it). */
	etag?: boolean;
	/** Send Last-Modified; bump `modifiedAt` when the body changes. */
	lastModified?: boolean;
	modifiedAt?: Date;
	gzip?: boolean;
	cacheControl?: string;
}

/**
 * A feed publisher on 127.0.0.1: real node:http, so the bot's real fetcher meets real status
 * codes, headers, compression, redirects and slow sockets. Each path is a handler; `feed()`
 * installs one that does conditional GET the way a CDN does.
 */
export class FakeFeedHost {
	public readonly requests: FeedRequest[] = [];
	private readonly handlers = new Map<string, FeedHandler>();
	private readonly hits = new Map<string, number>();

	private constructor(
		private readonly server: Server,
		public readonly origin: string,
	) {}

	public static async start(): Promise<FakeFeedHost> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const host = new FakeFeedHost(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		server.on('request', (request: IncomingMessage, response: ServerResponse) => void host.handle(request, response));
		return host;
	}

	public url(path: string): string {
		return `${this.origin}${path}`;
	}

	public route(path: string, handler: FeedHandler): this {
		this.handlers.set(path, handler);
		return this;
	}

	/** Serves `served` at `path`; mutate the object to publish an edit. */
	public feed(path: string, served: ServedFeed): ServedFeed {
		this.route(path, (request, response) => {
			const etag = `"${hashOf(served.body)}"`;
			const modified = (served.modifiedAt ?? new Date('2026-11-01T00:00:00Z')).toUTCString();
			if (served.cacheControl) response.setHeader('Cache-Control', served.cacheControl);
			if (served.etag) response.setHeader('ETag', etag);
			if (served.lastModified) response.setHeader('Last-Modified', modified);
			const matches = (served.etag && request.headers['if-none-match'] === etag) || (!served.etag && served.lastModified && request.headers['if-modified-since'] === modified);
			if (matches) {
				response.statusCode = 304;
				response.end();
				return;
			}
			response.setHeader('Content-Type', served.contentType ?? 'application/rss+xml; charset=utf-8');
			if (served.gzip) {
				response.setHeader('Content-Encoding', 'gzip');
				response.end(gzipSync(served.body));
			} else response.end(served.body);
		});
		return served;
	}

	public requestsTo(path: string): FeedRequest[] {
		return this.requests.filter((request) => request.path === path);
	}

	public async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = new URL(request.url ?? '/', this.origin).pathname;
		this.requests.push({ path, headers: request.headers, at: Date.now() });
		const hit = (this.hits.get(path) ?? 0) + 1;
		this.hits.set(path, hit);
		const handler = this.handlers.get(path);
		if (!handler) {
			response.statusCode = 404;
			response.end('not found');
			return;
		}
		try {
			await handler(request, response, hit);
		} catch {
			if (!response.headersSent) response.statusCode = 500;
			response.end();
		}
	}
}

function hashOf(text: string): string {
	return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
