import type { CommandOption } from '../command/command.js';
import type { Translator } from './translator.js';

interface Described {
	readonly name: string;
	readonly description: string;
	readonly usage: string;
}

/**
 * A command's words in a reader's language. English is written with each command (its
 * `description`, `usage` and option descriptions); the other catalogues carry them under
 * `command-NAME`, `usage-NAME` and `option-NAME-OPTION`, and fall back to English.
 */
export function describeCommand(command: Described, t: Translator): string {
	return t.has(`command-${command.name}`) ? t.text(`command-${command.name}`) : command.description;
}

export function commandUsage(command: Described, t: Translator): string {
	return t.has(`usage-${command.name}`) ? t.text(`usage-${command.name}`) : command.usage;
}

export function describeOption(command: Pick<Described, 'name'>, option: CommandOption, t: Translator): string {
	const id = `option-${command.name}-${option.name}`;
	return t.has(id) ? t.text(id) : option.description;
}
