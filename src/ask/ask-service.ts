import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Archive } from '../archive/archive.js';
import { failure } from '../i18n/failures.js';
import type { Reply } from '../content/block.js';
import type { Logger } from '../logger.js';
import { translatorFor } from '../i18n/translator.js';
import { extractiveAnswer, extractivePassages } from './extractive-answer.js';
import { createPassageRetriever, type PassageRetriever, type Retrieval } from './passage-retriever.js';
import type { PublicationNameOf } from './passage.js';

/**
 * One question as `/ask`'s service sees it: who asks (limits are per reader), in which
 * language, and the signal that stops the answer. `/ask` builds it from its command context;
 * the service knows nothing of the command layer.
 */
export interface AskRequest {
	/** The reader, as the platform names them: questions are limited per platform and user. */
	readonly reader: { readonly platform: string; readonly userId: string };
	/** The language the answer's own words (headings, notes) are in. Absent: English. */
	readonly locale?: string;
	/** Aborted when the reader stops the answer: the answer ends soon after with what it has. */
	readonly signal?: AbortSignal;
	readonly log?: Logger;
	/** The slug of the one publication to answer from; absent: every publication. */
	readonly publication?: string;
	/** Set when there are several publications: the answer then names each story's publication. */
	readonly publicationName?: PublicationNameOf;
}

/** Writes an answer from retrieved passages (a language model); the service falls back on its own. */
export interface ModelAnswerer {
	/** Passages to retrieve for the prompt (the prompt builder then keeps what fits its budget). */
	readonly passageCount: number;
	answer(question: string, retrieval: Retrieval, request: Omit<AskRequest, 'reader'>): Reply;
}

/** What `/ask` needs, built once by the composition root and reached through the dispatcher's services. */
export interface AskService {
	/** Answers one question for one reader. Never throws: limits and failures are blocks. */
	answer(question: string, request: AskRequest): Reply;
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
		async *answer(question, request) {
			const reader = `${request.reader.platform}:${request.reader.userId}`;
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
				const retrieval = retriever.retrieve(question, options.model?.passageCount ?? extractivePassages, request.publication);
				if (retrieval.passages.length === 0) {
					yield failure('ask-no-match', { question: question.slice(0, 80) });
					return;
				}
				if (options.model) yield* options.model.answer(question, retrieval, request);
				else yield* extractiveAnswer(question, retrieval.passages, translatorFor(request.locale), request.publicationName);
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
