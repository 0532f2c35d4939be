import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { createAskServiceFromSettings } from '../../src/ask/ask-from-settings.js';
import { createDispatcher } from '../../src/command/dispatcher.js';
import { loadConfig } from '../../src/config/config.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createMetricsRoute } from '../../src/http/metrics-route.js';
import { createBotMetrics } from '../../src/metrics/bot-metrics.js';
import { commands } from '../../commands/index.js';
import { referenceArchive, textOf } from '../helpers/archive-fixture.js';
import { startFakeLlm, type FakeLlm } from '../fakes/openai-server.js';
import { askAs } from './ask-fixture.js';

const token = 'metrics-token-for-tests-0123456789';
let archive: Archive;
let llm: FakeLlm | undefined;
let http: HttpServer | undefined;

beforeAll(async () => {
	archive = await referenceArchive();
});
afterEach(async () => {
	await http?.close();
	await llm?.close();
	http = undefined;
	llm = undefined;
});

describe('when /ask goes through the model and Prometheus scrapes GET /metrics', () => {
	it('then one answered and one failed call show as counts by outcome, with their latency', async () => {
		llm = await startFakeLlm({ script: [{ text: 'Alibaba released the Qwen 3.5 Small series [1].' }, { status: 500 }] });
		const settings = loadConfig({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', PUBLISH_TOKEN: token });
		// Wired as the composition root wires it: the process's metrics observe the answerer.
		const metrics = createBotMetrics();
		const dispatcher = createDispatcher(commands, { services: { archive, ask: createAskServiceFromSettings(settings, archive, undefined, metrics) } });

		const answered = await askAs(dispatcher, '/ask what did Qwen release?');
		expect(textOf(answered.blocks)).toContain('Qwen 3.5 Small');
		const failed = await askAs(dispatcher, '/ask what did Qwen release?', 'reader-2');
		expect(llm.requests).toHaveLength(2);
		expect(textOf(failed.blocks)).not.toContain('Alibaba released the Qwen 3.5 Small series');

		http = createHttpServer({ routes: [createMetricsRoute(metrics.registry, token)] });
		const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
		const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
		expect(text).toContain('digestbot_llm_calls_total{outcome="ok"} 1');
		expect(text).toContain('digestbot_llm_calls_total{outcome="error"} 1');
		expect(text).toContain('digestbot_llm_call_duration_seconds_count{outcome="ok"} 1');
		expect(text).toContain('digestbot_llm_call_duration_seconds_count{outcome="error"} 1');
		// Only the answered call had a first token.
		expect(text).toContain('digestbot_llm_first_token_seconds_count 1');
	});

	it('then a model that stalls after its first words counts as stalled, with its first token', async () => {
		llm = await startFakeLlm({ script: { text: 'Qwen released four small models today and more.', stallAfterChars: 27 } });
		const settings = loadConfig({ LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', LLM_STALL_MS: '300' });
		const metrics = createBotMetrics();
		const dispatcher = createDispatcher(commands, { services: { archive, ask: createAskServiceFromSettings(settings, archive, undefined, metrics) } });
		await askAs(dispatcher, '/ask what did Qwen release?');
		const text = await metrics.registry.metrics();
		expect(text).toContain('digestbot_llm_calls_total{outcome="stalled"} 1');
		expect(text).toContain('digestbot_llm_first_token_seconds_count 1');
	});
});
