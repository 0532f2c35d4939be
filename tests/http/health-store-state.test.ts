import { afterEach, describe, expect, it } from 'vitest';
import { createHealthRoute } from '../../src/http/health-route.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createMetricsRoute } from '../../src/http/metrics-route.js';
import { createBotMetrics } from '../../src/metrics/bot-metrics.js';
import type { StoreState } from '../../src/store/store-health.js';

const token = 'publish-token-for-tests-0123456789';
let running: HttpServer | undefined;

afterEach(async () => {
	await running?.close();
	running = undefined;
});

async function serve(state: () => StoreState): Promise<string> {
	const metrics = createBotMetrics();
	metrics.readStoreUpFrom(() => state() === 'up');
	running = createHttpServer({ routes: [createHealthRoute(() => ({ issues: 3 }), token, state), createMetricsRoute(metrics.registry, token)] });
	return `http://127.0.0.1:${await running.listen(0, '127.0.0.1')}`;
}

const authorised = { headers: { Authorization: `Bearer ${token}` } };

describe('when /health and /metrics are asked about the store', () => {
	it('then before the store was ever reached /health is 503 store-unreachable and digestbot_store_up is 0', async () => {
		const base = await serve(() => 'connecting');
		const health = await fetch(`${base}/health`, authorised);
		expect(health.status).toBe(503);
		expect(await health.json()).toEqual({ status: 'store-unreachable' });
		expect(await (await fetch(`${base}/metrics`, authorised)).text()).toMatch(/^digestbot_store_up 0$/m);
	});

	it('then during a later outage /health is 200 store-unavailable with its details, and digestbot_store_up is 0', async () => {
		const base = await serve(() => 'down');
		const health = await fetch(`${base}/health`, authorised);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'store-unavailable', issues: 3 });
		expect(await (await fetch(`${base}/metrics`, authorised)).text()).toMatch(/^digestbot_store_up 0$/m);
	});

	it('then with the store up /health is ok and digestbot_store_up is 1', async () => {
		const base = await serve(() => 'up');
		const health = await fetch(`${base}/health`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		expect(await (await fetch(`${base}/metrics`, authorised)).text()).toMatch(/^digestbot_store_up 1$/m);
	});
});
