import { completeBlocks } from '../../src/content/assemble-blocks.js';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Archive } from '../../src/archive/archive.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import { renderBlockAsText } from './console-renderer.js';

export interface ConsoleAdapterOptions {
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly input: Readable;
	readonly output: Writable;
	readonly log?: Logger;
	/** Show a prompt: only when a person is typing, never when input is piped. */
	readonly interactive: boolean;
}

/**
 * Each line of input is a message from one local user; each answer is printed block by block
 * as the command yields it. Resolves when input ends and every answer has been printed.
 */
export async function runConsoleAdapter(options: ConsoleAdapterOptions): Promise<void> {
	const { output } = options;
	let closed = false;
	// A reader that goes away (`npm start | head`) must end the bot quietly, not crash it.
	output.on('error', () => {
		closed = true;
	});
	const write = (text: string): void => {
		if (!closed) output.write(text);
	};
	const lines = createInterface({ input: options.input, terminal: false });
	const prompt = (): void => {
		if (options.interactive) write('> ');
	};
	if (options.interactive) write('digestbot — type /help, Ctrl-D to quit.\n');
	prompt();
	for await (const line of lines) {
		if (closed) break;
		if (line.trim() === '') {
			prompt();
			continue;
		}
		let first = true;
		const context = {
			archive: options.archive,
			chat: { platform: 'console' as const, id: 'console', kind: 'private' as const },
			user: { id: 'console' },
			...(options.log ? { log: options.log } : {}),
		};
		for await (const block of completeBlocks(options.dispatcher.runText(line, context))) {
			write(`${first ? '' : '\n'}${renderBlockAsText(block)}\n`);
			first = false;
		}
		write('\n');
		prompt();
	}
}
