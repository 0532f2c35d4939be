import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LlmCallObserver } from '../ask/llm-call-observer.js';

/** What the bot counts for `GET /metrics`; one instance per process, passed to whoever counts. */
export interface BotMetrics extends LlmCallObserver {
	readonly registry: Registry;
	/** An update (Telegram) or interaction (Discord) the bot handled. */
	updateHandled(platform: string): void;
	/** A command answered, with how long it took. */
	commandAnswered(command: string, outcome: string, durationMs: number): void;
	/** A delivery outcome: a final state, or the cause of a retry (`rate-limited` is a 429 seen). */
	deliveryOutcome(platform: string | undefined, outcome: string): void;
	/** Where the queue depth is read at each scrape (the delivery engine starts after the metrics). */
	readQueueDepthFrom(source: () => Promise<number | undefined>): void;
	/** Where `digestbot_store_up` is read at each scrape: 1 when the store answers, 0 during an outage or before it was reached. */
	readStoreUpFrom(source: () => boolean): void;
}

/**
 * The Prometheus metrics (prom-client), on a registry of their own rather than prom-client's
 * global one, so tests and several bots in one process never share counters. `queueDepth` is
 * read when Prometheus scrapes, not kept up to date on every job.
 */
export function createBotMetrics(): BotMetrics {
	const registry = new Registry();
	let queueDepth: () => Promise<number | undefined> = () => Promise.resolve(undefined);
	let storeUp: () => boolean = () => true;
	collectDefaultMetrics({ register: registry, prefix: 'digestbot_' });
	const updates = new Counter({ name: 'digestbot_updates_handled_total', help: 'Updates and interactions handled', labelNames: ['platform'], registers: [registry] });
	const commands = new Histogram({
		name: 'digestbot_command_duration_seconds',
		help: 'Time from a command arriving to its answer being complete',
		labelNames: ['command', 'outcome'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry],
	});
	const deliveries = new Counter({ name: 'digestbot_deliveries_total', help: 'Delivery outcomes: delivered, failed, unsubscribed, or the retry cause (rate-limited, transient, paced)', labelNames: ['platform', 'outcome'], registers: [registry] });
	const rateLimited = new Counter({ name: 'digestbot_rate_limited_total', help: '429 answers seen from a platform while delivering', labelNames: ['platform'], registers: [registry] });
	new Gauge({
		name: 'digestbot_delivery_queue_depth',
		help: 'Delivery jobs not final yet (waiting, delayed or being sent); -1 when the engine cannot say',
		registers: [registry],
		async collect() {
			this.set((await queueDepth().catch(() => undefined)) ?? -1);
		},
	});
	new Gauge({
		name: 'digestbot_store_up',
		help: 'Whether the store (Redis, SQLite) answers: 1 up, 0 during an outage or before it was first reached',
		registers: [registry],
		collect() {
			this.set(storeUp() ? 1 : 0);
		},
	});
	const llmCalls = new Counter({ name: 'digestbot_llm_calls_total', help: '/ask model calls by outcome: ok, length, empty, error, stalled, timeout, stopped', labelNames: ['outcome'], registers: [registry] });
	const llmFirstToken = new Histogram({ name: 'digestbot_llm_first_token_seconds', help: 'Time from an /ask model call to its first token', buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30], registers: [registry] });
	const llmDuration = new Histogram({ name: 'digestbot_llm_call_duration_seconds', help: 'Time from an /ask model call to its end, by outcome', labelNames: ['outcome'], buckets: [0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 60, 120], registers: [registry] });
	return {
		registry,
		llmCallEnded(call) {
			llmCalls.inc({ outcome: call.outcome });
			llmDuration.observe({ outcome: call.outcome }, call.durationMs / 1000);
			if (call.firstTokenMs !== undefined) llmFirstToken.observe(call.firstTokenMs / 1000);
		},
		updateHandled: (platform) => updates.inc({ platform }),
		commandAnswered: (command, outcome, durationMs) => commands.observe({ command, outcome }, durationMs / 1000),
		deliveryOutcome(platform, outcome) {
			deliveries.inc({ platform: platform ?? 'unknown', outcome });
			if (outcome === 'rate-limited') rateLimited.inc({ platform: platform ?? 'unknown' });
		},
		readQueueDepthFrom(source) {
			queueDepth = source;
		},
		readStoreUpFrom(source) {
			storeUp = source;
		},
	};
}
