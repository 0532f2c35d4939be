/**
 * How one call to the model ended, in the answerer's own terms: `ok`; `length` (cut at
 * `LLM_MAX_TOKENS`); `empty` (the stream ended without a word); `error` (down, refused,
 * rate-limited or a broken stream: the reader got the extractive answer); `stalled` and
 * `timeout` (cut off by `LLM_STALL_MS` / `LLM_TIMEOUT_MS`); `stopped` (the reader pressed Stop).
 */
export const llmCallOutcomes = ['ok', 'length', 'empty', 'error', 'stalled', 'timeout', 'stopped'] as const;
export type LlmCallOutcome = (typeof llmCallOutcomes)[number];

/** One finished call: how it ended and how long the first token and the whole call took. */
export interface LlmCall {
	readonly outcome: LlmCallOutcome;
	readonly durationMs: number;
	/** Absent when no token arrived. */
	readonly firstTokenMs?: number;
}

/**
 * Told of every model call the answerer makes (`/metrics` counts them). An interface of its own
 * so the answerer reports without knowing who listens, and the core never imports prom-client.
 */
export interface LlmCallObserver {
	llmCallEnded(call: LlmCall): void;
}
