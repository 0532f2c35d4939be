/** A command as typed: "/story@digestbot 3 2026-03-03" → name "story", argument text "3 2026-03-03". */
export interface CommandLine {
	readonly name: string;
	readonly argumentText: string;
	/** The bot named after "@", when the command was addressed to one (Telegram groups). */
	readonly mention?: string;
}

const commandPattern = /^\/([\p{L}\p{N}_-]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/u;

/** Reads a message as a command; undefined when it is not one. */
export function parseCommandLine(text: string): CommandLine | undefined {
	const match = commandPattern.exec(text.trim());
	if (!match) return undefined;
	const [, name, mention, rest] = match;
	return { name: name!.toLowerCase(), argumentText: (rest ?? '').trim(), mention };
}
