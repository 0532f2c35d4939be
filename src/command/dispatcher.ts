import type { z } from 'zod';
import type { Reply } from '../content/block.js';
import { bindReader, type ReaderMemory } from '../readers/reader-memory.js';
import type { ChatAccess } from './chat-access.js';
import { createPublicationCatalogue, type PublicationCatalogue } from '../publications/publication-catalogue.js';
import { publicationOptionName, takesPublication, type Command, type CommandContext, type CommandServices, type CommandSummary, type Origin } from './command.js';
import type { FailureCode } from '../content/failure-codes.js';
import { createLogger } from '../logger.js';
import { parseCommandLine } from './command-line.js';
import { closestMatches } from '../text/closest-match.js';
import { failure, localiseFailure } from '../i18n/failures.js';
import { storeErrorIn } from '../errors/store-error.js';
import { commandUsage, describeCommand, describeOption } from '../i18n/command-text.js';
import { resolveLocale, type Locale } from '../i18n/locale.js';
import { translatorFor, type MessageArgs, type Translator } from '../i18n/translator.js';

/** Arguments are short: numbers, dates, a few search words. Anything longer is refused up front. */
export const maxArgumentLength = 300;

/** How a command was asked for: typed text (console, Telegram) or named options (Discord). */
export type Invocation =
	| { readonly name: string; readonly text: string }
	| { readonly name: string; readonly options: Readonly<Record<string, unknown>> };

/** Every outcome of a dispatch, for logs and metrics. `denied`: the command's audience excludes the sender. */
export interface DispatchOutcome {
	readonly command: string;
	readonly outcome: 'success' | 'failure' | 'unknown' | 'denied' | 'error';
	readonly durationMs: number;
	readonly failureCode?: FailureCode;
	readonly error?: unknown;
}

/** An answer on its way: its blocks, and the language they are in. */
export interface Answer {
	readonly reply: Reply;
	/**
	 * The language the answer is in (the chat's `/settings language`, else the reader's), looked
	 * up once per run: the command words its answer in it, and the adapter its own words around
	 * the answer (Stop, Thinking…).
	 */
	readonly locale: Promise<string | undefined>;
}

/** A command looked up once: what an adapter needs to know of it before it runs (is it generated?), and the run. */
export interface PreparedCommand {
	/** Undefined when no command has the name: running it answers with the closest one. */
	readonly command: Command | undefined;
	/** Runs the command for one update. Never throws: every failure is a block. */
	run(origin: Origin, signal?: AbortSignal): Answer;
}

export interface Dispatcher {
	readonly commands: readonly Command[];
	/** The publications commands choose from (the one catalogue the services hold), for what adapters offer outside a run: menus, inline results, completions. */
	readonly publications: PublicationCatalogue;
	readonly summaries: readonly CommandSummary[];
	/** The summaries in a language, for /help and the platforms' command menus. */
	summariesFor(locale: string | undefined): readonly CommandSummary[];
	/** The command of a name, for what is not a run: completions, and whether plain text has a command to go to. */
	find(name: string): Command | undefined;
	/** Looks an invocation's command up, once, for an adapter that must know it before running it. */
	prepare(invocation: Invocation): PreparedCommand;
	/** Answers an invocation. Never throws: every failure is a block. */
	run(invocation: Invocation, origin: Origin, signal?: AbortSignal): Reply;
	/** Answers a message as typed (the console). Never throws: every failure is a block. */
	runText(text: string, origin: Origin, signal?: AbortSignal): Reply;
	/** Answers a message that is no command with a hint, in the chat's language. */
	notACommand(origin: Origin): Reply;
}

/** The services a dispatcher is built with; those left out are quiet: no log, no broadcast, no feeds. */
export type DispatcherServices = Omit<CommandServices, 'log' | 'broadcastStatus' | 'feedStatus' | 'publications'> & Partial<Pick<CommandServices, 'log' | 'broadcastStatus' | 'feedStatus' | 'publications'>>;

export interface DispatcherOptions {
	/** Built once by the composition root, added to every command's context. */
	readonly services: DispatcherServices;
	/** The bot's administrators (`ADMIN_IDS`): the only users `bot-admins` commands answer. */
	readonly adminIds?: readonly string[];
	readonly onOutcome?: (outcome: DispatchOutcome) => void;
	/** Remembers, per reader, the newest issue an answer showed them (for `/since`). Absent: nothing is remembered. */
	readonly readers?: ReaderMemory;
}

/**
 * Routes invocations to commands through small stages — find, audience, validate, run — so
 * that every outcome is one of: unknown, denied, bad argument, expected failure, unexpected
 * error, success. The process-wide services live here; an adapter hands over only the update's
 * origin and abort signal.
 */
export function createDispatcher(commands: readonly Command[], options: DispatcherOptions): Dispatcher {
	const given = options.services;
	const services: CommandServices = {
		...given,
		log: given.log ?? quietLog,
		publications: given.publications ?? createPublicationCatalogue({ issues: given.archive }),
		broadcastStatus: given.broadcastStatus ?? (() => Promise.resolve(undefined)),
		feedStatus: given.feedStatus ?? (() => Promise.resolve([])),
	};
	const adminIds = new Set(options.adminIds ?? []);
	const byName = new Map(commands.map((command) => [command.name, command]));
	const summaries = commands.filter((command) => !command.hidden).map(({ name, description, usage }) => ({ name, description, usage }));

	const localised = new Map<Locale, readonly CommandSummary[]>();
	const summariesFor = (tag: string | undefined): readonly CommandSummary[] => {
		const locale = resolveLocale(tag);
		let found = localised.get(locale);
		if (!found) {
			const t = translatorFor(locale);
			const visible = commands.filter((command) => !command.hidden);
			localised.set(locale, (found = visible.map((command) => ({ name: command.name, description: describeCommand(command, t), usage: commandUsage(command, t) }))));
		}
		return found;
	};

	/** The chat's `/settings language` choice wins over the reader's client language. */
	async function chosenLocale(origin: Origin): Promise<string | undefined> {
		const languages = services.languages;
		if (!languages || origin.chat.platform === 'console') return origin.locale;
		try {
			return (await languages.get({ platform: origin.chat.platform, chatId: origin.chat.id })) ?? origin.locale;
		} catch (error) {
			// A store hiccup must not cost the answer: the reader's own language will do.
			services.log.warn({ err: error }, 'chat language lookup failed');
			return origin.locale;
		}
	}

	/** The audience stage: who may run a command is settled before its arguments are read. */
	const permitted = (command: Command, origin: Origin): boolean => command.audience !== 'bot-admins' || adminIds.has(origin.user.id);

	async function* dispatch(invocation: Invocation, command: Command | undefined, origin: Origin, signal: AbortSignal, chosen: Promise<string | undefined>): Reply {
		const started = performance.now();
		const locale = await chosen;
		const report = (outcome: DispatchOutcome['outcome'], extra: Partial<DispatchOutcome> = {}): void =>
			options.onOutcome?.({ command: invocation.name, outcome, durationMs: performance.now() - started, ...extra });

		if (!command) {
			report('unknown');
			const suggestion = suggest(invocation.name, summaries);
			yield failure('unknown-command', { command: invocation.name.slice(0, 40), ...(suggestion ? { suggestion } : {}) }, locale);
			return;
		}
		if (!permitted(command, origin)) {
			report('denied', { failureCode: 'bot-admins-only' });
			yield failure('bot-admins-only', {}, locale);
			return;
		}
		const t = translatorFor(locale);
		const parsed = parseArguments(command, invocation, t, origin.access, services.publications);
		if (!parsed.ok) {
			report('failure', { failureCode: 'bad-argument' });
			yield failure('bad-argument', { usage: commandUsage(command, t), problem: parsed.problem }, locale);
			return;
		}
		const reader = options.readers ? bindReader(options.readers, { platform: origin.chat.platform, userId: origin.user.id }) : undefined;
		const context: CommandContext = { ...services, ...origin, locale, signal, reader: reader?.recall, commands: summariesFor(locale) };
		let failureCode: FailureCode | undefined;
		try {
			for await (const block of command.run(parsed.args, context)) {
				if (block.type === 'failure') {
					failureCode ??= block.code;
					// Failures built without the reader's language (a platform's access check) are worded again here.
					yield localiseFailure(block, locale);
				} else yield block;
			}
		} catch (error) {
			// The store is away (an outage, logged once by the store's health): an expected failure
			// the reader is told about, never an answer that pretends it worked.
			const storeError = storeErrorIn(error);
			if (storeError) {
				const code = storeError.kind === 'write' ? 'not-saved' : 'store-unavailable';
				services.log.info({ command: command.name, operation: storeError.operation, key: storeError.key, code }, 'command met a store outage');
				report('failure', { failureCode: code });
				yield failure(code, {}, locale);
				return;
			}
			services.log.error({ err: error, command: command.name }, 'command failed');
			report('error', { error });
			yield failure('internal-error', {}, locale);
			return;
		}
		report(failureCode ? 'failure' : 'success', { failureCode });
		// The answer is out; failing to remember it must not turn it into an error.
		// In a store outage (logged once by the store's health) it is no news, so no stack either.
		if (!failureCode)
			await reader?.remember().catch((error: unknown) => {
				if (storeErrorIn(error)) services.log.debug({ error: String(error), command: command.name }, 'remembering the issue shown failed: the store is unavailable');
				else services.log.warn({ err: error, command: command.name }, 'remembering the issue shown failed');
			});
	}

	const prepare = (invocation: Invocation): PreparedCommand => {
		const command = byName.get(invocation.name.toLowerCase());
		return {
			command,
			run(origin, signal) {
				const locale = chosenLocale(origin);
				// A run nobody can stop still gets a signal of its own: commands need not ask whether there is one.
				return { reply: dispatch(invocation, command, origin, signal ?? new AbortController().signal, locale), locale };
			},
		};
	};

	async function* notACommand(origin: Origin): Reply {
		yield failure('not-a-command', {}, await chosenLocale(origin));
	}

	return {
		commands,
		publications: services.publications,
		summaries,
		summariesFor,
		find: (name) => byName.get(name.toLowerCase()),
		prepare,
		run: (invocation, origin, signal) => prepare(invocation).run(origin, signal).reply,
		notACommand,
		runText(text, origin, signal) {
			const line = parseCommandLine(text);
			if (!line) return notACommand(origin);
			return prepare({ name: line.name, text: line.argumentText }).run(origin, signal).reply;
		},
	};
}

/** Where a dispatcher built without a logger sends its warnings: nowhere. */
const quietLog = createLogger('silent');

type ParsedArguments = { ok: true; args: unknown } | { ok: false; problem: string };

/** Maps typed text onto the command's options by position, then lets the schema judge. */
function parseArguments(command: Command, invocation: Invocation, t: Translator, access: ChatAccess | undefined, publications: PublicationCatalogue): ParsedArguments {
	let named: Record<string, unknown>;
	if ('text' in invocation) {
		// A command whose option allows more (a question to /ask) raises the cap to that option's maxLength.
		const cap = Math.max(maxArgumentLength, ...command.options.map((option) => option.maxLength ?? 0));
		if (invocation.text.length > cap) return { ok: false, problem: t.text('argument-too-long', { max: cap }) };
		named = {};
		const taken = takePublication(command, invocation.text.trim(), publications);
		if (taken.publication) named[publicationOptionName] = taken.publication;
		let rest = taken.rest;
		const positional = command.options.filter((option) => option.name !== publicationOptionName);
		for (const option of positional) {
			if (rest === '') break;
			if (option.rest) {
				named[option.name] = rest;
				rest = '';
				break;
			}
			const [word = '', ...others] = rest.split(/\s+/);
			named[option.name] = word;
			rest = others.join(' ');
		}
		// With several publications a word left over where one may stand is read as one, so a misspelt name gets the list of names, not "takes no arguments".
		if (rest !== '' && !taken.publication && positional.length < command.options.length && publications.several()) {
			const [word = '', ...others] = rest.split(/\s+/);
			named[publicationOptionName] = word;
			rest = others.join(' ');
		}
		if (rest !== '' && positional.length === 0) return { ok: false, problem: t.text('argument-none-taken', { command: command.name }) };
	} else {
		named = { ...invocation.options };
	}
	const result = command.schema.safeParse(named);
	if (result.success) {
		const unread = access ? command.options.find((option) => option.type === 'channel' && !readsAsChat(result.data, option.name, access)) : undefined;
		if (unread) return { ok: false, problem: `${capitalise(describeOption(command, unread, t))}: ${t.text('argument-channel')}.` };
		return { ok: true, args: result.data };
	}
	const issue = result.error.issues[0];
	const option = command.options.find((candidate) => candidate.name === issue?.path[0]);
	const message = issue ? describeIssue(issue, t) : t.text('argument-invalid');
	const problem = option ? `${capitalise(describeOption(command, option, t))}: ${message}.` : `${capitalise(message)}.`;
	return { ok: false, problem };
}

/**
 * Typed text names a publication by its slug anywhere among the words (`/top 5 react`,
 * `/issue rust 3`), so it never shifts the other arguments' positions. A slug cannot be a
 * number, a date or a keyword (src/publications), so it is never mistaken for one. Only with
 * several publications: with one there is nothing to choose, and no word changes meaning. A command
 * that takes the rest of the line (a search query) reads a publication only as the first word
 * before more words: `/search rust async` is async in rust, `/search rust` is rust everywhere.
 */
function takePublication(command: Command, text: string, publications: PublicationCatalogue): { rest: string; publication?: string } {
	// With one publication typed text reads exactly as before: "/search digest models" searches both words.
	if (!takesPublication(command) || !publications.several()) return { rest: text };
	const words = text.split(/\s+/).filter(Boolean);
	// A required rest of the line (a query, a question) starts after a leading slug and never is one:
	// "/search rust" searches the word. An optional one (the sections of /subscribe) leaves every word
	// a candidate, so "/subscribe rust" and "/subscribe @channel rust top" follow Rust.
	const requiresRest = command.options.some((option) => option.rest && option.required);
	const candidates = requiresRest ? (words.length > 1 ? [0] : []) : words.map((_word, index) => index);
	const index = candidates.find((candidate) => publications.find(words[candidate]!)?.slug === words[candidate]!.toLowerCase());
	if (index === undefined) return { rest: text };
	return { rest: words.filter((_word, position) => position !== index).join(' '), publication: words[index]!.toLowerCase() };
}

/** A `channel` option is either left out or names a chat as the update's platform writes one. */
function readsAsChat(args: unknown, name: string, access: ChatAccess): boolean {
	const value = typeof args === 'object' && args !== null ? (args as Record<string, unknown>)[name] : undefined;
	return typeof value !== 'string' || access.isChatReference(value);
}

/**
 * The commands' schemas give catalogue ids as their messages ("argument-missing"); the limits
 * they name come from the issue itself. Zod's own messages (an id the catalogue lacks) stay as they are.
 */
function describeIssue(issue: z.core.$ZodIssue, t: Translator): string {
	if (!t.has(issue.message)) return issue.message;
	const limit = 'maximum' in issue ? issue.maximum : 'minimum' in issue ? issue.minimum : undefined;
	const values = 'values' in issue && Array.isArray(issue.values) ? issue.values.join(', ') : undefined;
	return t.text(issue.message, { ...(limit !== undefined ? { max: String(limit) } : {}), ...(values ? { values } : {}), ...customArgs(issue) });
}

/** A schema's own refusal may carry its message's variables (the date it could not read …). */
function customArgs(issue: z.core.$ZodIssue): MessageArgs {
	if (issue.code !== 'custom' || !issue.params) return {};
	return Object.fromEntries(Object.entries(issue.params).filter((entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number'));
}

/** The closest known command, if the name is plausibly a typo of it. */
function suggest(name: string, summaries: readonly CommandSummary[]): string | undefined {
	return closestMatches(name, summaries.map((summary) => summary.name))[0];
}

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}
