import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Archive } from '../archive/archive.js';
import type { CommandContext } from '../command/command.js';
import { failure } from '../command/failures.js';
import type { Reply } from '../content/block.js';
import type { Logger } from '../logger.js';
import { extractiveAnswer, extractivePassages } from './extractive-answer.js';
import { createPassageRetriever, type PassageRetriever, type Retrieval } from './passage-retriever.js';

/** Writes an answer from retrieved passages (a language model); the service falls back on its own. */
export interface ModelAnswerer {
	/** Passages to retrieve for the prompt (the prompt builder then keeps what fits its budget). */
	readonly passageCount: number;
	answer(question: string, retrieval: Retrieval, context: Pick<CommandContext, 'signal' | 'log'>): Reply;
}

/** What `/ask` needs, built once by the composition root and reached through `CommandContext.ask`. */
export interface AskService {
	/** Answers one question for one reader. Never throws: limits and failures are blocks. */
	answer(question: string, context: Pick<CommandContext, 'chat' | 'user' | 'signal' | 'log'>): Reply;
	/** Prepares retrieval in the background (see {@link PassageRetriever.warmUp}). */
	warmUp(): Promise<void>;
}

export interface AskServiceOptions {
	readonly archive: Archive;
	/** Questions a reader may ask a minute (`ASK_PER_MINUTE`). */
	readonly perMinute: number;
	/** Absent: every answer is extractive. */
	readonly model?: ModelAnswerer;
	readonly retriever?: PassageRetriever;
	readonly log?: Logger;
}

/**
 * The front of `/ask`: one answer at a time per reader, a few a minute (a question may cost a
 * model call), then retrieval and the answer — the model's when one is configured, quoted
 * passages otherwise. Readers are keyed by platform and user id, in memory: limits are a
 * courtesy against floods, not an account, and reset with the process.
 */
export function createAskService(options: AskServiceOptions): AskService {
	const retriever = options.retriever ?? createPassageRetriever(options.archive);
	const limiter = new RateLimiterMemory({ points: options.perMinute, duration: 60 });
	const answering = new Set<string>();

	return {
		warmUp: () => retriever.warmUp(),
		async *answer(question, context) {
			const reader = `${context.chat.platform}:${context.user.id}`;
			if (answering.has(reader)) {
				yield failure('still-answering', {});
				return;
			}
			answering.add(reader);
			try {
				const wait = await consume(limiter, reader);
				if (wait !== undefined) {
					yield failure('too-many-questions', { perMinute: options.perMinute, seconds: wait });
					return;
				}
				const retrieval = retriever.retrieve(question, options.model?.passageCount ?? extractivePassages);
				if (retrieval.passages.length === 0) {
					yield failure('ask-no-match', { question: question.slice(0, 80) });
					return;
				}
				if (options.model) yield* options.model.answer(question, retrieval, context);
				else yield* extractiveAnswer(question, retrieval.passages);
			} finally {
				answering.delete(reader);
			}
		},
	};
}

/** Undefined when the reader may ask; otherwise the seconds until they may. */
async function consume(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
	try {
		await limiter.consume(key);
		return undefined;
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
		throw rejection;
	}
}
