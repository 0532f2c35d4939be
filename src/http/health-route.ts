import { hasBearerToken } from './bearer-token.js';
import type { HttpRoute } from './http-server.js';
import { sendJson } from './send-json.js';

/**
 * `GET /health`: 200 `{status: "ok"}` for any load balancer or uptime probe. The details
 * (issue count, latest broadcast) only go to a caller holding the publish token: every
 * endpoint that says anything about the bot's state is authenticated.
 */
export function createHealthRoute(status: () => Promise<Record<string, unknown>> | Record<string, unknown>, token: string | undefined): HttpRoute {
	return {
		method: 'GET',
		path: '/health',
		async handle(request, response) {
			const authorised = token !== undefined && hasBearerToken(request.headers.authorization, token);
			sendJson(response, 200, authorised ? { status: 'ok', ...(await status()) } : { status: 'ok' });
		},
	};
}
