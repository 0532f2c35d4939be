import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

/** Front matter fields the parser uses; everything else in it is ignored. */
export interface FrontMatter {
	readonly title?: string;
	/** A stated date field, as written; see {@link dateKeys}. */
	readonly date?: string;
	/** A permalink, URL or slug: some generators (Jekyll) keep the date only there. */
	readonly path?: string;
}

export interface SplitSource {
	readonly frontMatter: FrontMatter;
	readonly body: string;
	/** Lines taken by the front matter, so that body line numbers can be reported in the file's terms. */
	readonly lineOffset: number;
	readonly warning?: string;
	/** How the header was written, for `parse --explain`. */
	readonly kind?: 'yaml' | 'toml' | 'key-value';
}

const fence = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*(?:\r?\n|$)/;
/**
 * Pelican's (and MultiMarkdown's) header: `Key: value` lines at the very top, ended by a blank
 * line, with no fence. Only read as a header when it names a title or a date, so that a digest
 * opening with "Note: …" keeps its first paragraph.
 */
const keyValueHeader = /^(?:[A-Za-z][\w -]{0,30}:[ \t]*[^\n]*\r?\n)+(?:\r?\n|$)/;
const keyValueLine = /^([A-Za-z][\w -]{0,30}):[ \t]*(.*)$/;

/** Keys a stated date is found under, most specific first (Astro writes `pubDate`). */
const dateKeys = ['date', 'pubdate', 'publishdate', 'published', 'published_at', 'publishedat', 'created'];
const pathKeys = ['permalink', 'url', 'slug', 'path'];

/** Splits YAML (`---`), TOML (`+++`) or Pelican-style `Key: value` front matter off the top of a digest. */
export function splitFrontMatter(source: string): SplitSource {
	const match = fence.exec(source);
	if (!match) return splitKeyValueHeader(source);
	const [whole, marker, content] = match as unknown as [string, string, string];
	const lineOffset = whole.split('\n').length - 1;
	const body = source.slice(whole.length);
	const kind = marker === '+++' ? 'toml' : 'yaml';
	let data: unknown;
	try {
		data = marker === '+++' ? parseToml(content) : parseYaml(content);
	} catch (error) {
		return { frontMatter: {}, body, lineOffset, kind, warning: `front matter could not be read: ${(error as Error).message.split('\n')[0]}` };
	}
	if (typeof data !== 'object' || data === null) return { frontMatter: {}, body, lineOffset, kind };
	return { frontMatter: readFields(lowerCaseKeys(data as Record<string, unknown>)), body, lineOffset, kind };
}

function splitKeyValueHeader(source: string): SplitSource {
	const header = keyValueHeader.exec(source.replace(/^\uFEFF/, ''))?.[0];
	if (!header) return { frontMatter: {}, body: source, lineOffset: 0 };
	const record: Record<string, unknown> = {};
	for (const line of header.split(/\r?\n/)) {
		const field = keyValueLine.exec(line);
		if (field) record[field[1]!.trim().toLowerCase()] ??= field[2]!.trim();
	}
	if (record.title === undefined && record.date === undefined) return { frontMatter: {}, body: source, lineOffset: 0 };
	const offset = source.indexOf(header) + header.length;
	return { frontMatter: readFields(record), body: source.slice(offset), lineOffset: source.slice(0, offset).split('\n').length - 1, kind: 'key-value' };
}

function lowerCaseKeys(record: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) out[key.toLowerCase()] ??= value;
	return out;
}

function readFields(record: Record<string, unknown>): FrontMatter {
	const title = typeof record.title === 'string' ? record.title.trim() : undefined;
	const date = dateKeys.map((key) => toDateString(record[key])).find((value) => value !== undefined && value !== '');
	const path = pathKeys.map((key) => record[key]).find((value): value is string => typeof value === 'string' && value.trim() !== '');
	return { ...(title ? { title } : {}), ...(date ? { date } : {}), ...(path ? { path: path.trim() } : {}) };
}

function toDateString(value: unknown): string | undefined {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	if (typeof value === 'string') return value.trim();
	return undefined;
}
