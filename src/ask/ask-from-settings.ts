import type { Archive } from '../archive/archive.js';
import type { Settings } from '../config/config.js';
import type { Logger } from '../logger.js';
import { createAskService, type AskService } from './ask-service.js';
import { createLlmAnswerer } from './llm-answerer.js';
import type { LlmCallObserver } from './llm-call-observer.js';

/**
 * The `/ask` service the configuration describes: through the LLM when `LLM_BASE_URL` is set, extractive otherwise.
 * @param llmCalls Told of each model call (the process's metrics).
 */
export function createAskServiceFromSettings(settings: Settings, archive: Archive, log?: Logger, llmCalls?: LlmCallObserver): AskService {
	const model =
		settings.LLM_BASE_URL && settings.LLM_MODEL
			? createLlmAnswerer({
					baseUrl: settings.LLM_BASE_URL,
					model: settings.LLM_MODEL,
					...(settings.LLM_API_KEY ? { apiKey: settings.LLM_API_KEY } : {}),
					maxTokens: settings.LLM_MAX_TOKENS,
					stallMs: settings.LLM_STALL_MS,
					timeoutMs: settings.LLM_TIMEOUT_MS,
					...(settings.LLM_EMBED_MODEL ? { embedModel: settings.LLM_EMBED_MODEL } : {}),
					...(log ? { log } : {}),
					...(llmCalls ? { observer: llmCalls } : {}),
				})
			: undefined;
	return createAskService({ archive, perMinute: settings.ASK_PER_MINUTE, ...(log ? { log } : {}), ...(model ? { model } : {}) });
}
