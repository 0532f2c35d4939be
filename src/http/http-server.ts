import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { HttpRequestError } from '../errors/http-request-error.js';
import { sendJson } from './send-json.js';

/** Plain node handlers, so grammY's `webhookCallback(bot, 'http')` plugs in unchanged. */
export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface HttpRoute {
	readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Exact path, without the query string. */
	readonly path: string;
	readonly handle: HttpHandler;
}

export interface HttpServer {
	readonly server: Server;
	/**
	 * Adds a route, also after `listen`: the table is read per request, so the composition
	 * root can open the port first and let adapters and publishing add their endpoints.
	 */
	addRoute(route: HttpRoute): void;
	/** Starts listening; resolves with the bound port (useful with port 0 in tests). */
	listen(port: number, host?: string): Promise<number>;
	close(): Promise<void>;
}

/**
 * The bot's one HTTP server: `/health`, `POST /issues` and whatever routes adapters add (the
 * Telegram webhook). Routing is an exact method + path match on purpose: the surface is a
 * handful of endpoints, and a framework would be a dependency for a `Map` lookup.
 */
export function createHttpServer(options: { readonly routes: readonly HttpRoute[]; readonly log?: Logger }): HttpServer {
	const { log } = options;
	const byPath = new Map<string, HttpRoute[]>();
	const addRoute = (route: HttpRoute): void => void byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
	for (const route of options.routes) addRoute(route);

	const server = createServer(async (request, response) => {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		const routes = byPath.get(path);
		const route = routes?.find((candidate) => candidate.method === request.method);
		try {
			if (!routes) throw new HttpRequestError(404, 'not-found', `no route for ${path}`);
			if (!route) {
				response.setHeader('Allow', routes.map((candidate) => candidate.method).join(', '));
				throw new HttpRequestError(405, 'method-not-allowed', `${request.method ?? '?'} is not allowed on ${path}`);
			}
			await route.handle(request, response);
		} catch (error) {
			if (response.headersSent) {
				response.destroy();
			} else if (error instanceof HttpRequestError) {
				sendJson(response, error.status, { error: error.code, message: error.message });
			} else {
				log?.error({ err: error, method: request.method, path }, 'HTTP handler failed');
				sendJson(response, 500, { error: 'internal', message: 'internal error' });
			}
		}
		log?.debug({ method: request.method, path, status: response.statusCode }, 'http');
	});
	// Slow clients must not hold sockets open forever.
	server.requestTimeout = 30_000;
	server.headersTimeout = 10_000;

	return {
		server,
		addRoute,
		listen: (port, host = '0.0.0.0') =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve((server.address() as AddressInfo).port);
				});
			}),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeIdleConnections();
			}),
	};
}
