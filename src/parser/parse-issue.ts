import { DigestParseError } from '../errors/digest-parse-error.js';
import { cleanSource } from './clean-source.js';
import { findFileNameDate, findPathDate, readFieldDate } from './dates.js';
import { splitFrontMatter } from './front-matter.js';
import { htmlToMarkdown } from './html/html-to-markdown.js';
import { IssueBuilder } from './issue-builder.js';
import type { ParsedIssue } from './parsed-issue.js';
import { joinBrokenParagraphs } from './join-broken-paragraphs.js';
import { parseMarkdownBlocks } from './markdown-blocks.js';

export type { ParsedIssue } from './parsed-issue.js';

/** What an issue is written in. */
export type IssueFormat = 'markdown' | 'html';

export interface ParseOptions {
	/** The file name, used in errors and as the title of last resort; its extension picks the format. */
	readonly file?: string;
	/** Overrides the extension and the sniffing (`POST /issues` with `Content-Type: text/html`). */
	readonly format?: IssueFormat;
}

/** Digest issues are a few dozen kilobytes; anything far larger is not one. */
export const maxIssueBytes = 2 * 1024 * 1024;

/**
 * Reads a digest issue written in Markdown (or in HTML, converted to Markdown first) into the archive's model. What cannot be placed is
 * reported as a warning rather than dropped; a file that is no digest at all throws
 * {@link DigestParseError}.
 */
export function parseIssue(input: string | Uint8Array, options: ParseOptions = {}): ParsedIssue {
	const source = decode(input, options.file);
	if (source.trim() === '') throw new DigestParseError('empty', 'the file is empty', options.file);
	if (looksLikeJson(source)) throw new DigestParseError('not-markdown', 'the file is JSON, not a Markdown digest', options.file);
	const markdownSource = detectFormat(source, options) === 'html' ? htmlToMarkdown(source) : source;
	if (markdownSource.trim() === '') throw new DigestParseError('empty', 'the HTML has no visible text', options.file);
	const split = splitFrontMatter(markdownSource);
	const document = parseMarkdownBlocks(cleanSource(split.body));
	const builder = new IssueBuilder(joinBrokenParagraphs(document.blocks), split.lineOffset);
	if (split.warning) builder.warnings.push({ line: 1, message: split.warning });
	if (split.frontMatter.title) builder.title = split.frontMatter.title;
	if (split.frontMatter.date) {
		const date = readFieldDate(split.frontMatter.date);
		if (date) builder.setDate(date, 'the front matter date field');
		else builder.warnings.push({ line: 1, message: `front matter date "${split.frontMatter.date}" is not a calendar date` });
	}
	builder.build();
	// A date stated in the issue (a field, a date line, the title) wins over one in a path.
	const pathDate = split.frontMatter.path ? findPathDate(split.frontMatter.path) : undefined;
	if (pathDate) builder.addFallbackDate(pathDate, 'the permalink');
	const fileDate = options.file ? findFileNameDate(options.file) : undefined;
	if (fileDate) builder.addFallbackDate(fileDate, 'the file name');
	return builder.finish(document.references, options.file);
}

const htmlExtension = /\.(?:html?|xhtml)$/i;
/** The files DIGEST_DIR holds issues in: Markdown, MDX, and HTML (an email or archive page). */
export const digestFilePattern = /\.(?:md|markdown|mdx|html?)$/i;
const markdownExtension = /\.(?:md|markdown|mdx|txt)$/i;
/** A document, or a fragment that opens with a block element: Markdown seldom starts that way. */
const htmlStart = /^\uFEFF?\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|(?:<!--[\s\S]*?-->\s*)*<(?:div|table|center|article|section|main|p|h[1-6])[\s>])/i;

/** The option wins, then the file's extension, then the first tag of the content. */
export function detectFormat(source: string, options: ParseOptions = {}): IssueFormat {
	if (options.format) return options.format;
	if (options.file && htmlExtension.test(options.file)) return 'html';
	if (options.file && markdownExtension.test(options.file)) return 'markdown';
	return htmlStart.test(source) ? 'html' : 'markdown';
}

function decode(input: string | Uint8Array, file: string | undefined): string {
	if (typeof input === 'string') {
		if (input.length > maxIssueBytes) throw new DigestParseError('too-large', `the file is larger than ${maxIssueBytes} bytes`, file);
		if (input.includes('\u0000')) throw new DigestParseError('binary', 'the file is binary, not text', file);
		return input;
	}
	if (input.byteLength > maxIssueBytes) throw new DigestParseError('too-large', `the file is larger than ${maxIssueBytes} bytes`, file);
	if (input.includes(0)) throw new DigestParseError('binary', 'the file is binary, not text', file);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(input);
	} catch {
		throw new DigestParseError('binary', 'the file is not UTF-8 text', file);
	}
}

function looksLikeJson(source: string): boolean {
	const trimmed = source.trim();
	if (!/^[[{]/.test(trimmed)) return false;
	try {
		JSON.parse(trimmed);
		return true;
	} catch {
		return false;
	}
}
