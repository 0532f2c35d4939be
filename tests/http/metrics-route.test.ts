import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createMetricsRoute } from '../../src/http/metrics-route.js';
import { createBotMetrics } from '../../src/metrics/bot-metrics.js';

const token = 'metrics-token-for-tests-0123456789';
let running: HttpServer | undefined;

afterEach(async () => {
	await running?.close();
	running = undefined;
});

describe('when Prometheus scrapes GET /metrics', () => {
	it('then it reads deliveries by outcome and platform, 429s, command latency and the queue depth, and only with the token', async () => {
		const metrics = createBotMetrics();
		metrics.readQueueDepthFrom(() => Promise.resolve(42));
		metrics.deliveryOutcome('telegram', 'delivered');
		metrics.deliveryOutcome('telegram', 'delivered');
		metrics.deliveryOutcome('discord', 'rate-limited');
		metrics.commandAnswered('top', 'answered', 12);
		metrics.updateHandled('telegram');
		running = createHttpServer({ routes: [createMetricsRoute(metrics.registry, token)] });
		const base = `http://127.0.0.1:${await running.listen(0, '127.0.0.1')}`;

		expect((await fetch(`${base}/metrics`)).status).toBe(401);
		const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		const text = await response.text();
		expect(text).toContain('digestbot_deliveries_total{platform="telegram",outcome="delivered"} 2');
		expect(text).toContain('digestbot_rate_limited_total{platform="discord"} 1');
		expect(text).toContain('digestbot_command_duration_seconds_count{command="top",outcome="answered"} 1');
		expect(text).toContain('digestbot_updates_handled_total{platform="telegram"} 1');
		expect(text).toContain('digestbot_delivery_queue_depth 42');
	});
});
