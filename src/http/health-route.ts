import type { StoreState } from '../store/store-health.js';
import { hasBearerToken } from './bearer-token.js';
import type { HttpRoute } from './http-server.js';
import { sendJson } from './send-json.js';

/** What `/health` says of the store's state, and with which HTTP status. */
const storeAnswers: Record<StoreState, { readonly httpStatus: number; readonly status: string }> = {
	// Never reached since start: nothing can be served yet, so a load balancer should send no traffic here.
	connecting: { httpStatus: 503, status: 'store-unreachable' },
	up: { httpStatus: 200, status: 'ok' },
	// Lost after start: commands from the archive in memory still answer, so the instance stays in rotation.
	down: { httpStatus: 200, status: 'store-unavailable' },
};

/**
 * `GET /health`: 200 `{status: "ok"}` for any load balancer or uptime probe; 503
 * `store-unreachable` while the store was never reached since start, 200 `store-unavailable`
 * during a later outage. The details (issue count, latest broadcast) only go to a caller holding
 * the publish token: every endpoint that says anything about the bot's state is authenticated.
 */
export function createHealthRoute(status: () => Promise<Record<string, unknown>> | Record<string, unknown>, token: string | undefined, store: () => StoreState = () => 'up'): HttpRoute {
	return {
		method: 'GET',
		path: '/health',
		async handle(request, response) {
			const answer = storeAnswers[store()];
			const authorised = token !== undefined && hasBearerToken(request.headers.authorization, token);
			sendJson(response, answer.httpStatus, authorised && answer.httpStatus === 200 ? { status: answer.status, ...(await status()) } : { status: answer.status });
		},
	};
}
