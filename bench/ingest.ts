import { Bench } from 'tinybench';
import { tokenizeMarkdown } from '../src/parser/markdown-blocks.js';
import { parseIssue } from '../src/parser/parse-issue.js';
import { referenceIssue } from './generated-archive.js';
import { throughput } from './stats.js';

export interface IngestFigures {
	readonly ingest_ratio: number;
	readonly ingest_mb_s: number;
	readonly tokenizer_mb_s: number;
}

/** Parse throughput on the reference issue against markdown-it's tokenizer alone, same text, same run. */
export async function measureIngest(): Promise<IngestFigures> {
	const bytes = Buffer.byteLength(referenceIssue);
	const bench = new Bench({ time: 1500, warmupTime: 300 });
	bench.add('parseIssue', () => void parseIssue(referenceIssue));
	bench.add('markdown-it tokenize', () => void tokenizeMarkdown(referenceIssue));
	await bench.run();
	const parse = throughput(bench, 'parseIssue');
	const tokenize = throughput(bench, 'markdown-it tokenize');
	return { ingest_ratio: parse / tokenize, ingest_mb_s: (parse * bytes) / 1e6, tokenizer_mb_s: (tokenize * bytes) / 1e6 };
}
