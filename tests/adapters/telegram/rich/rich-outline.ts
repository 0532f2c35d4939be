import type { InputRichMessageWithoutUpload, RichText } from 'grammy/types';

type Node = Record<string, unknown>;

/** The plain text of rich text, formatting dropped. */
export function richPlain(text: unknown): string {
	if (typeof text === 'string') return text;
	if (Array.isArray(text)) return text.map(richPlain).join('');
	if (typeof text === 'object' && text !== null && 'text' in text) return richPlain((text as { text: RichText }).text);
	return '';
}

/** Every object of a rich message, depth first, with the rich text objects inside blocks. */
export function* richNodes(value: unknown): Generator<Node> {
	if (Array.isArray(value)) {
		for (const item of value) yield* richNodes(item);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	yield value as Node;
	for (const child of Object.values(value)) yield* richNodes(child);
}

/** Footnote names a message defines, and the names its references point to. */
export function footnotesOf(message: InputRichMessageWithoutUpload): { defined: Set<string>; linked: string[] } {
	const defined = new Set<string>();
	const linked: string[] = [];
	for (const node of richNodes(message.blocks)) {
		if (node.type === 'reference') defined.add(String(node.name));
		if (node.type === 'reference_link') linked.push(String(node.reference_name));
	}
	return { defined, linked };
}

/**
 * A rich message as a reader would skim it, one line per block, indented by nesting:
 * `# heading`, `▸ details` (`▾` when open), `> quote`, `- item`, `[^name] footnote`, `[buttons]`.
 * Texts are cut at `width` characters.
 */
export function outline(blocks: readonly unknown[], width = 60, indent = ''): string[] {
	const cut = (text: string): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
	const lines: string[] = [];
	for (const raw of blocks) {
		const block = raw as Node;
		switch (block.type) {
			case 'heading':
				lines.push(`${indent}${'#'.repeat(Number(block.size))} ${cut(richPlain(block.text))}`);
				break;
			case 'paragraph': {
				const reference = [...richNodes(block.text)].find((node) => node.type === 'reference');
				lines.push(`${indent}${reference ? `[^${String(reference.name)}] ` : ''}${cut(richPlain(block.text))}`);
				break;
			}
			case 'footer':
				lines.push(`${indent}— ${cut(richPlain(block.text))}`);
				break;
			case 'details':
				lines.push(`${indent}${block.is_open ? '▾' : '▸'} ${cut(richPlain(block.summary))}`);
				lines.push(...outline(block.blocks as unknown[], width, `${indent}  `));
				break;
			case 'blockquote':
				lines.push(...outline(block.blocks as unknown[], width, `${indent}> `));
				break;
			case 'list':
				for (const item of block.items as { blocks: unknown[] }[]) lines.push(...outline(item.blocks, width, `${indent}- `).map((line, index) => (index === 0 ? line : line.replace(`${indent}- `, `${indent}  `))));
				break;
			case 'buttons':
				lines.push(`${indent}[${(block.buttons as { text: RichText }[]).map((button) => richPlain(button.text)).join('] [')}]`);
				break;
			default:
				lines.push(`${indent}(${String(block.type)})`);
		}
	}
	return lines;
}

/** What a bot message says, rich or not: a rich message's text in reading order, one line per block. */
export function messagePlain(message: { readonly text: string; readonly rich_message?: unknown }): string {
	if (message.rich_message === undefined) return message.text;
	const lines: string[] = [];
	const walk = (blocks: unknown): void => {
		for (const block of Array.isArray(blocks) ? (blocks as Node[]) : []) {
			for (const field of ['summary', 'text']) if (field in block) lines.push(richPlain(block[field]));
			if (Array.isArray(block.items)) for (const item of block.items as Node[]) walk(item.blocks);
			walk(block.blocks);
		}
	};
	walk((message.rich_message as { blocks?: unknown }).blocks);
	return lines.join('\n');
}
