import type { Block } from '../../src/content/block.js';
import { cardTextBlocks } from '../../src/content/card-text.js';
import type { Span } from '../../src/content/span.js';

/**
 * Renders blocks as plain text for a terminal. Links read "text <url>", except citation marks,
 * whose URLs the story's Sources list already shows.
 */
export function renderBlockAsText(block: Block): string {
	switch (block.type) {
		case 'heading': {
			const text = renderSpans(block.spans);
			return block.level === 1 ? `${text}\n${'='.repeat(Math.min(text.length, 72))}` : `${text}\n${'-'.repeat(Math.min(text.length, 72))}`;
		}
		case 'paragraph':
			return renderSpans(block.spans);
		case 'list':
			return block.items
				.map((item, index) => `${block.ordered ? `${(block.start ?? 1) + index}.` : '•'} ${indentContinuation(renderSpans(item))}`)
				.join('\n');
		case 'card': {
			const lines = [`▌ ${block.title}`];
			if (block.url) lines.push(`  ${block.url}`);
			for (const part of cardTextBlocks(block)) lines.push('', renderBlockAsText(part));
			if (block.footer) lines.push('', `— ${block.footer}`);
			return lines.join('\n');
		}
		case 'actions':
			return block.actions.map((action) => `[${action.label}: /${[action.command, ...action.args].join(' ')}]`).join('  ');
		case 'failure':
			return `⚠ ${renderSpans(block.spans)}`;
	}
}

function renderSpans(spans: readonly Span[]): string {
	let out = '';
	for (const span of spans) {
		if (span.href && span.cite === undefined && span.text !== span.href) out += `${span.text} <${span.href}>`;
		else out += span.text;
	}
	return out;
}

function indentContinuation(text: string): string {
	return text.replace(/\n/g, '\n  ');
}
