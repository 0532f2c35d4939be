import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

/** Front matter fields the parser uses; everything else in it is ignored. */
export interface FrontMatter {
	readonly title?: string;
	readonly date?: string;
}

export interface SplitSource {
	readonly frontMatter: FrontMatter;
	readonly body: string;
	/** Lines taken by the front matter, so that body line numbers can be reported in the file's terms. */
	readonly lineOffset: number;
	readonly warning?: string;
}

const fence = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;

/** Splits YAML (`---`) or TOML (`+++`) front matter off the top of a digest. */
export function splitFrontMatter(source: string): SplitSource {
	const match = fence.exec(source);
	if (!match) return { frontMatter: {}, body: source, lineOffset: 0 };
	const [whole, marker, content] = match as unknown as [string, string, string];
	const lineOffset = whole.split('\n').length - 1;
	const body = source.slice(whole.length);
	let data: unknown;
	try {
		data = marker === '+++' ? parseToml(content) : parseYaml(content);
	} catch (error) {
		return { frontMatter: {}, body, lineOffset, warning: `front matter could not be read: ${(error as Error).message.split('\n')[0]}` };
	}
	if (typeof data !== 'object' || data === null) return { frontMatter: {}, body, lineOffset };
	const record = data as Record<string, unknown>;
	const title = typeof record.title === 'string' ? record.title.trim() : undefined;
	const date = toDateString(record.date);
	return { frontMatter: { ...(title ? { title } : {}), ...(date ? { date } : {}) }, body, lineOffset };
}

function toDateString(value: unknown): string | undefined {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	if (typeof value === 'string') return value.trim();
	return undefined;
}
