import { parseCommandLine } from '../../src/command/command-line.js';
import type { Dispatcher, Invocation } from '../../src/command/dispatcher.js';

/** What a guest query asks for. */
export type GuestRequest =
	/** A command to run and answer with. */
	| { readonly kind: 'run'; readonly invocation: Invocation }
	/** Only the mention, or nothing the bot can answer: a short hint of what to write. */
	| { readonly kind: 'hint' }
	/** A command that is not offered to guests (`@bot /subscribe`): where to use it instead. */
	| { readonly kind: 'unavailable'; readonly command: string };

/**
 * The commands a guest query may run: those that read the archive and answer the same for
 * anyone. The others change a chat's or a reader's settings (`/subscribe`, `/settings`), concern
 * only the reader (`/since`), or belong in a chat with the bot (`/start`, `/help`, `/status`),
 * and a guest answer is posted for everyone in a chat the bot is not a member of.
 */
export const guestCommands: ReadonlySet<string> = new Set(['ask', 'story', 'top', 'latest', 'issue', 'issues', 'search', 'section', 'sources']);

/** The command that answers a plain question. */
const questionCommand = 'ask';

/**
 * Reads a guest message (`@yourbot what did Qwen release?`, `@yourbot story 3`, `@yourbot /top`)
 * as a request. The bot's own mention is dropped wherever it stands (Telegram also sends a guest
 * query for a reply to the bot's guest message, which need not mention it). A leading `/command` is
 * that command; a leading bare word is a command when it names a guest command that takes
 * arguments, or one that takes none and stands alone (`top`), so that "latest news on Qwen?"
 * stays a question. Everything else is a question for /ask.
 */
export function readGuestRequest(text: string, botUsername: string, dispatcher: Pick<Dispatcher, 'find'>): GuestRequest {
	const rest = withoutMention(text, botUsername);
	if (rest === '') return { kind: 'hint' };
	const typed = parseCommandLine(rest);
	if (typed) {
		// An unknown name runs too: the dispatcher answers it with the closest command.
		if (!guestCommands.has(typed.name) && dispatcher.find(typed.name)) return { kind: 'unavailable', command: typed.name };
		return { kind: 'run', invocation: { name: typed.name, text: typed.argumentText } };
	}
	const [word = '', ...words] = rest.split(' ');
	const name = word.toLowerCase();
	const command = guestCommands.has(name) ? dispatcher.find(name) : undefined;
	// The publication option every reading command has does not count: "latest news on Qwen?" is a question, not /latest of a publication "news".
	const takesArguments = command?.options.some((option) => option.name !== 'publication') === true;
	if (command && (takesArguments || words.length === 0)) return { kind: 'run', invocation: { name, text: words.join(' ') } };
	if (!guestCommands.has(questionCommand) || !dispatcher.find(questionCommand)) return { kind: 'hint' };
	return { kind: 'run', invocation: { name: questionCommand, text: rest } };
}

/** The text without the bot's mention (and the comma or colon that often follows it: "@yourbot, what …"), spaces collapsed. */
export function withoutMention(text: string, botUsername: string): string {
	const mention = new RegExp(`@${botUsername.replace(/[^A-Za-z0-9_]/g, '')}\\b[,:]?`, 'gi');
	return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
