import type { HttpRoute } from './http-server.js';
import { sendJson } from './send-json.js';

/** `GET /health`: 200 with whatever the status function reports (issue count, latest broadcast); nothing secret. */
export function createHealthRoute(status: () => Promise<Record<string, unknown>> | Record<string, unknown>): HttpRoute {
	return {
		method: 'GET',
		path: '/health',
		async handle(_request, response) {
			sendJson(response, 200, { status: 'ok', ...(await status()) });
		},
	};
}
