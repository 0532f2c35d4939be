import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Origin } from '../../src/command/command.js';
import type { Dispatcher } from '../../src/command/dispatcher.js';
import { renderBlockAsText } from './console-renderer.js';
import { firstAndFinalView } from '../reply/live-views.js';

export interface ConsoleAdapterOptions {
	readonly dispatcher: Dispatcher;
	readonly input: Readable;
	readonly output: Writable;
	/** Show a prompt: only when a person is typing, never when input is piped. */
	readonly interactive: boolean;
	/** Said once before the first answer (the store is unavailable, say), so the person typing knows. */
	readonly notice?: string;
}

/** The one local user, in the one chat the console has. */
const consoleOrigin: Origin = { chat: { platform: 'console', id: 'console', kind: 'private' }, user: { id: 'console' } };

/**
 * Each line of input is a message from one local user; each answer is printed part by part
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
	if (options.notice) write(`${options.notice}\n`);
	prompt();
	for await (const line of lines) {
		if (closed) break;
		if (line.trim() === '') {
			prompt();
			continue;
		}
		let first = true;
		// Parts are printed as they arrive: a paragraph is left open so the deltas that grow it
		// (an answer being written) stream onto the same line.
		let growing = false;
		for await (const part of firstAndFinalView(options.dispatcher.runText(line, consoleOrigin))) {
			if (part.type === 'frame') continue;
			if (part.type === 'delta') {
				if (!growing) write(first ? '' : '\n');
				write(renderBlockAsText({ type: 'paragraph', spans: part.spans }));
				growing = true;
			} else {
				if (growing) write('\n');
				write(`${first ? '' : '\n'}${renderBlockAsText(part)}`);
				growing = part.type === 'paragraph';
				if (!growing) write('\n');
			}
			first = false;
		}
		if (growing) write('\n');
		write('\n');
		prompt();
	}
}
