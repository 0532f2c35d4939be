import type { Registry } from 'prom-client';
import { hasBearerToken } from './bearer-token.js';
import type { HttpRoute } from './http-server.js';
import { sendJson } from './send-json.js';

/**
 * `GET /metrics` in Prometheus's text format, for a caller holding the publish token (every
 * endpoint that says anything about the bot's state is authenticated; Prometheus sends it with
 * `authorization: { credentials: … }` in its scrape config).
 */
export function createMetricsRoute(registry: Registry, token: string | undefined): HttpRoute {
	return {
		method: 'GET',
		path: '/metrics',
		async handle(request, response) {
			if (token === undefined || !hasBearerToken(request.headers.authorization, token)) {
				sendJson(response, 401, { error: 'unauthorized', message: 'send the publish token as a bearer token' });
				return;
			}
			const body = await registry.metrics();
			response.writeHead(200, { 'content-type': registry.contentType });
			response.end(body);
		},
	};
}
