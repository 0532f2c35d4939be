import { publicationOptionName, takesPublication } from '../../src/command/command.js';
import { parseCommandLine } from '../../src/command/command-line.js';
import { readLeadingPublication } from '../../src/publications/publication-catalogue.js';
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

/** What reading a guest message asks of the dispatcher: its commands, and (when there may be several) its publications. */
export type GuestRequestReader = Pick<Dispatcher, 'find'> & Partial<Pick<Dispatcher, 'publications'>>;

/** The command a publication alone asks for (`@bot rust`): its latest issue, as inline mode offers it. */
const publicationAloneCommand = 'latest';

/**
 * Reads a guest message (`@yourbot what did Qwen release?`, `@yourbot story 3`, `@yourbot /top`)
 * as a request. The bot's own mention is dropped wherever it stands (Telegram also sends a guest
 * query for a reply to the bot's guest message, which need not mention it). A leading `/command` is
 * that command; a leading bare word is a command when it names a guest command that takes
 * arguments, or one that takes none and stands alone (`top`), so that "latest news on Qwen?"
 * stays a question. Everything else is a question for /ask.
 *
 * With several publications a leading slug names the publication, as in inline mode: `@bot rust`
 * is Rust's latest issue, `@bot rust top` its top stories, `@bot rust what changed?` a question
 * answered from Rust alone. With one publication no word changes meaning.
 */
export function readGuestRequest(text: string, botUsername: string, dispatcher: GuestRequestReader): GuestRequest {
	const written = withoutMention(text, botUsername);
	const { publication, rest } = readLeadingPublication(written, dispatcher.publications);
	if (rest === '') return publication ? runIn(dispatcher, { name: publicationAloneCommand, text: '' }, publication) : { kind: 'hint' };
	const typed = parseCommandLine(rest);
	if (typed) {
		// An unknown name runs too: the dispatcher answers it with the closest command.
		if (!guestCommands.has(typed.name) && dispatcher.find(typed.name)) return { kind: 'unavailable', command: typed.name };
		return runIn(dispatcher, { name: typed.name, text: typed.argumentText }, publication);
	}
	const [word = '', ...words] = rest.split(' ');
	const name = word.toLowerCase();
	const command = guestCommands.has(name) ? dispatcher.find(name) : undefined;
	// The publication option every reading command has does not count: "latest news on Qwen?" is a question, not /latest of a publication "news".
	const takesArguments = command?.options.some((option) => option.name !== publicationOptionName) === true;
	if (command && (takesArguments || words.length === 0)) return runIn(dispatcher, { name, text: words.join(' ') }, publication);
	if (!guestCommands.has(questionCommand) || !dispatcher.find(questionCommand)) return { kind: 'hint' };
	return runIn(dispatcher, { name: questionCommand, text: rest }, publication);
}


function takesCommandPublication(dispatcher: Pick<Dispatcher, 'find'>, name: string): boolean {
	const command = dispatcher.find(name);
	return command !== undefined && takesPublication(command);
}

/**
 * The invocation, narrowed to the publication named. The slug goes first in the typed text,
 * where the dispatcher reads a publication for every command that takes one (even one that takes
 * the rest of the line, such as /search); a command that takes none gets its words as written.
 */
function runIn(dispatcher: Pick<Dispatcher, 'find'>, invocation: { readonly name: string; readonly text: string }, publication: string | undefined): GuestRequest {
	if (!publication || !takesCommandPublication(dispatcher, invocation.name)) return { kind: 'run', invocation };
	return { kind: 'run', invocation: { name: invocation.name, text: invocation.text === '' ? publication : `${publication} ${invocation.text}` } };
}

/** The text without the bot's mention (and the comma or colon that often follows it: "@yourbot, what …"), spaces collapsed. */
export function withoutMention(text: string, botUsername: string): string {
	const mention = new RegExp(`@${botUsername.replace(/[^A-Za-z0-9_]/g, '')}\\b[,:]?`, 'gi');
	return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}
