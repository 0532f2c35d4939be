import OpenAI, { APIError } from 'openai';
import type { Block, ReplyPart } from '../content/block.js';
import type { Span } from '../content/span.js';
import { scrubSecrets, type Logger } from '../logger.js';
import { createCitationResolver } from './answer-citations.js';
import { createEmbeddingReranker } from './embedding-rerank.js';
import { buildAnswerPrompt } from './answer-prompt.js';
import type { ModelAnswerer } from './ask-service.js';
import { extractiveAnswer } from './extractive-answer.js';
import type { LlmCallObserver, LlmCallOutcome } from './llm-call-observer.js';
import { MarkdownSpanStream } from './markdown-stream.js';
import { storiesUsedBlocks } from './story-citations.js';
import { translatorFor } from '../i18n/translator.js';

export interface LlmAnswererOptions {
	/** `LLM_BASE_URL`, ending where the OpenAI API's `/chat/completions` hangs off (…/v1). */
	readonly baseUrl: string;
	readonly model: string;
	/** `LLM_API_KEY`: sent as a bearer token, never logged. Local servers need none. */
	readonly apiKey?: string;
	readonly maxTokens: number;
	/** No token for this long: the answer is cut off where it stands. */
	readonly stallMs: number;
	/** The whole answer may take this long. */
	readonly timeoutMs: number;
	/** `LLM_EMBED_MODEL`: rerank retrieved passages by embedding similarity before the prompt is built. */
	readonly embedModel?: string;
	readonly log?: Logger;
	/** Told how each call ended and how long it took (`/metrics`). */
	readonly observer?: LlmCallObserver;
}

/** Passages retrieved for the prompt; the budget in answer-prompt.ts then decides how many fit. */
const promptPassages = 8;
/** With a reranker, BM25 casts a wider net and embeddings choose. */
const rerankPassages = 16;

type Cutoff = 'stopped' | 'stalled' | 'timeout';

/** Catalogue ids of the note that ends a cut-off answer. */
const cutoffNotes: Record<Cutoff | 'length', string> = {
	stopped: 'ask-note-stopped',
	stalled: 'ask-note-stalled',
	timeout: 'ask-note-timeout',
	length: 'ask-note-length',
};

/**
 * Answers through any OpenAI-compatible Chat Completions endpoint (Ollama, llama.cpp, vLLM, LM
 * Studio, a hosted API) with the maintained `openai` client, streaming: the answer is a
 * paragraph that grows by text deltas as tokens arrive, then the stories it cited.
 *
 * The reader never waits forever and never loses what was written: a Stop (`context.signal`),
 * a stall or the overall timeout aborts the request at once and keeps the text so far with a
 * note; a server that is down, refuses, rate-limits, fails or sends a broken stream gets a
 * friendly note and the extractive answer instead. The client does not retry (`maxRetries: 0`):
 * a reader is waiting, and the extractive answer is immediate.
 */
export function createLlmAnswerer(options: LlmAnswererOptions): ModelAnswerer {
	const client = new OpenAI({
		baseURL: options.baseUrl,
		// The client refuses to start without a key; local servers ignore the header.
		apiKey: options.apiKey ?? 'no-key',
		maxRetries: 0,
		timeout: options.timeoutMs,
		// Its own logging would print to the console, outside our logger and its redaction.
		logLevel: 'off',
	});

	const reranker = options.embedModel ? createEmbeddingReranker(client, options.embedModel, options.log) : undefined;

	return {
		passageCount: reranker ? rerankPassages : promptPassages,
		async *answer(question, retrieval, context) {
			const t = translatorFor(context.locale);
			// The rerank waits no longer than a stall would: it is an improvement, not a step to hang on.
			const rerankSignal = AbortSignal.any([AbortSignal.timeout(options.stallMs), ...(context.signal ? [context.signal] : [])]);
			const candidates = reranker ? await reranker.rerank(question, retrieval.passages, rerankSignal) : retrieval.passages;
			const nameOf = context.publicationName;
			const prompt = buildAnswerPrompt(question, candidates.slice(0, promptPassages), undefined, nameOf);
			const citations = createCitationResolver(prompt.given);
			const markdown = new MarkdownSpanStream(citations.resolve);
			const controller = new AbortController();
			let cutoff: Cutoff | undefined;
			const cut = (reason: Cutoff): void => {
				cutoff ??= reason;
				controller.abort();
			};
			// An adapter that stops waiting (`AbortSignal.timeout`, a guest answer's deadline) ends the
			// answer as too slow; any other abort is the reader pressing Stop.
			const stopReason = (): Cutoff => (context.signal?.reason instanceof DOMException && context.signal.reason.name === 'TimeoutError' ? 'timeout' : 'stopped');
			const onStop = (): void => cut(stopReason());
			if (context.signal?.aborted) cutoff = stopReason();
			context.signal?.addEventListener('abort', onStop, { once: true });
			const overall = setTimeout(() => cut('timeout'), options.timeoutMs);
			let stall: NodeJS.Timeout | undefined;
			// Counts only time spent waiting for the model, not time the reader's adapter takes to show a part.
			const armStall = (): void => {
				clearTimeout(stall);
				stall = setTimeout(() => cut('stalled'), options.stallMs);
			};
			let started = false;
			const show = (spans: Span[]): ReplyPart | undefined => {
				if (spans.length === 0) return undefined;
				const part: ReplyPart = started ? { type: 'delta', spans } : { type: 'paragraph', spans };
				started = true;
				return part;
			};
			let failed: unknown;
			let finish: string | null | undefined;
			const calledAt = performance.now();
			let firstTokenAt: number | undefined;
			const called = !cutoff;
			try {
				if (!cutoff) {
					armStall();
					const completion = await client.chat.completions.create(
						{ model: options.model, messages: [...prompt.messages], stream: true, max_tokens: options.maxTokens },
						{ signal: controller.signal },
					);
					for await (const chunk of completion) {
						clearTimeout(stall);
						const choice = chunk.choices[0];
						finish = choice?.finish_reason ?? finish;
						if (firstTokenAt === undefined && choice?.delta?.content) firstTokenAt = performance.now();
						const part = show(markdown.push(choice?.delta?.content ?? ''));
						if (part) yield part;
						armStall();
					}
				}
			} catch (error) {
				if (!cutoff) failed = error;
			} finally {
				clearTimeout(overall);
				clearTimeout(stall);
				context.signal?.removeEventListener('abort', onStop);
				controller.abort();
			}
			// A cut-off keeps what was released (up to the last whole word with its marks closed);
			// a finished answer releases everything, held-back marks included.
			const tail = !cutoff && !failed ? show(markdown.end()) : undefined;
			if (called) {
				const outcome: LlmCallOutcome = cutoff ?? (failed !== undefined ? 'error' : !started ? 'empty' : finish === 'length' ? 'length' : 'ok');
				options.observer?.llmCallEnded({ outcome, durationMs: performance.now() - calledAt, ...(firstTokenAt !== undefined ? { firstTokenMs: firstTokenAt - calledAt } : {}) });
			}
			if (tail) yield tail;
			if (failed !== undefined || (!cutoff && !started)) {
				(options.log ?? context.log)?.warn({ llm: describeFailure(failed, options.apiKey) }, 'LLM answer failed; answering from the passages');
				yield note(t.text(started ? 'ask-note-broke-off' : 'ask-note-unavailable'));
				yield* extractiveAnswer(question, retrieval.passages, t, nameOf);
				return;
			}
			if (cutoff) yield note(t.text(cutoff === 'stopped' && !started ? 'ask-note-stopped-early' : cutoffNotes[cutoff]));
			else if (finish === 'length') yield note(t.text(cutoffNotes.length));
			const used = citations.used();
			yield* used.length > 0 ? storiesUsedBlocks(used, t, 'ask-stories-used', nameOf) : storiesUsedBlocks(prompt.given, t, 'ask-related-stories', nameOf);
		},
	};
}

function note(text: string): Block {
	return { type: 'paragraph', spans: [{ text, italic: true }] };
}

/** What a log may say about a failure: its kind and status, with the key scrubbed from any text. */
function describeFailure(error: unknown, apiKey: string | undefined): Record<string, unknown> {
	if (error === undefined) return { kind: 'empty-answer' };
	const name = error instanceof Error ? error.name : typeof error;
	const message = error instanceof Error ? scrubSecrets(error.message, [apiKey]).slice(0, 200) : undefined;
	return { kind: name, ...(error instanceof APIError && error.status !== undefined ? { status: error.status } : {}), ...(message ? { message } : {}) };
}
