import type { Translator } from './translator.js';

/**
 * The words of a command that a catalogue may translate. A command (src/command) has these
 * fields and more; naming only these keeps i18n below the command layer.
 */
export interface DescribedCommand {
	readonly name: string;
	readonly description: string;
	readonly usage: string;
}

/** The words of one of a command's options that a catalogue may translate. */
export interface DescribedOption {
	readonly name: string;
	readonly description: string;
}

/**
 * A command's words in a reader's language. English is written with each command (its
 * `description`, `usage` and option descriptions); the other catalogues carry them under
 * `command-NAME`, `usage-NAME` and `option-NAME-OPTION`, and fall back to English.
 */
export function describeCommand(command: DescribedCommand, t: Translator): string {
	return t.has(`command-${command.name}`) ? t.text(`command-${command.name}`) : command.description;
}

export function commandUsage(command: DescribedCommand, t: Translator): string {
	return t.has(`usage-${command.name}`) ? t.text(`usage-${command.name}`) : command.usage;
}

export function describeOption(command: Pick<DescribedCommand, 'name'>, option: DescribedOption, t: Translator): string {
	const id = `option-${command.name}-${option.name}`;
	return t.has(id) ? t.text(id) : option.description;
}
