import type OpenAI from 'openai';
import type { Logger } from '../logger.js';
import type { Passage } from './passage.js';

export interface EmbeddingReranker {
	/** The passages, most similar in meaning to the question first; their order unchanged if embeddings fail. */
	rerank(question: string, passages: readonly Passage[], signal: AbortSignal): Promise<Passage[]>;
}

/**
 * Reorders the passages BM25 found by embedding similarity to the question (`LLM_EMBED_MODEL`,
 * through the same endpoint): words match words, embeddings match meaning ("who builds chips"
 * finds a passage about GPUs). Optional and best-effort: one request for the question and every
 * passage, and any failure keeps the BM25 order, since the answer must not wait on a nicety.
 */
export function createEmbeddingReranker(client: OpenAI, model: string, log?: Logger): EmbeddingReranker {
	return {
		async rerank(question, passages, signal) {
			if (passages.length < 2) return [...passages];
			try {
				const response = await client.embeddings.create(
					{ model, input: [question, ...passages.map((passage) => `${passage.storyTitle}\n${passage.text}`)], encoding_format: 'float' },
					{ signal },
				);
				const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
				const [target, ...rest] = vectors;
				if (!target || rest.length !== passages.length) return [...passages];
				const scored = passages.map((passage, index) => ({ passage, similarity: cosine(target, rest[index]!) }));
				// A stable sort: equal similarities keep the BM25 (and recency) order.
				return scored.sort((a, b) => b.similarity - a.similarity).map((entry) => entry.passage);
			} catch (error) {
				log?.warn({ llm: { kind: error instanceof Error ? error.name : typeof error } }, 'embedding rerank failed; keeping the search order');
				return [...passages];
			}
		},
	};
}

function cosine(a: readonly number[], b: readonly number[]): number {
	let dot = 0;
	let normA = 0;
	let normB = 0;
	for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
		dot += a[i]! * b[i]!;
		normA += a[i]! * a[i]!;
		normB += b[i]! * b[i]!;
	}
	return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
