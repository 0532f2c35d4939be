import { escapeMarkdown } from 'discord.js';
import type { Span } from '../../src/content/span.js';

/**
 * Everything Discord would read as markup is escaped, headings and list markers included:
 * digest and user text ("#1 story", "- quoted", "[x](y)") must show literally.
 */
const escapeOptions = { escape: true, heading: true, bulletedList: true, numberedList: true, maskedLink: true } as const;

/** Escapes literal text for message content or an embed description. */
export function escapeText(value: string): string {
	// escapeMarkdown's italic pass takes time quadratic in a word's length (its look-behind scans
	// back at every character): a 9,000-character token took two seconds. Without a `*` or `_`
	// it has nothing to escape, so it is skipped and the result is the same.
	const options = /[*_]/.test(value) ? escapeOptions : noItalicOptions;
	// escapeMarkdown leaves a leading ">" alone, which would start a block quote.
	return escapeMarkdown(value, options).replace(/^>/gm, '\\>');
}

const noItalicOptions = { ...escapeOptions, italic: false } as const;

/** Whether a link target is one Discord will render (and one we are willing to link). */
export function isWebUrl(value: string | undefined): value is string {
	return value !== undefined && /^https?:\/\/[^\s<>]+$/i.test(value);
}

/**
 * Renders flat runs as Discord Markdown. Each run is closed before the next opens, so a
 * message may be cut between any two runs without leaving a mark half-open.
 */
export function renderSpans(spans: readonly Span[]): string {
	let out = '';
	for (const span of spans) out += renderSpan(span);
	return out;
}

/** Renders one run. Whitespace stays outside the marks: Discord ignores "** bold**". */
export function renderSpan(span: Span): string {
	if (span.text === '') return '';
	const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text) ?? [];
	if (core === '') return span.text;
	let body = isDiscordChat(span) ? `<#${span.chat.chatId}>` : span.code ? inlineCode(core) : escapeText(core);
	if (span.italic) body = `_${body}_`;
	if (span.bold) body = `**${body}**`;
	if (isWebUrl(span.href) && !span.code) body = `[${body}](<${span.href}>)`;
	else if (isWebUrl(span.href)) body = `${body} (<${span.href}>)`;
	return `${lead}${body}${trail}`;
}

/**
 * A chat Discord can mention: a channel mention is a link that opens the channel and shows its
 * current name. https://discord.com/developers/docs/reference#message-formatting
 */
export function isDiscordChat(span: Span): span is Span & { readonly chat: NonNullable<Span['chat']> } {
	return span.chat?.platform === 'discord';
}

/** Inline code cannot be escaped inside; a double-backtick fence holds single backticks. */
function inlineCode(value: string): string {
	const clean = value.replace(/\n/g, ' ');
	if (!clean.includes('`')) return `\`${clean}\``;
	return `\`\` ${clean.replace(/``+/g, '`')} \`\``;
}
