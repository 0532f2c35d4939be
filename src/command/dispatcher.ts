import type { z } from 'zod';
import type { Reply } from '../content/block.js';
import { bindReader, type ReaderMemory } from '../readers/reader-memory.js';
import type { Command, CommandContext, CommandSummary } from './command.js';
import { parseCommandLine } from './command-line.js';
import { closestMatches } from '../text/closest-match.js';
import { failure, localiseFailure } from '../i18n/failures.js';
import { commandUsage, describeCommand, describeOption } from '../i18n/command-text.js';
import { resolveLocale, type Locale } from '../i18n/locale.js';
import { translatorFor, type MessageArgs, type Translator } from '../i18n/translator.js';

/** Arguments are short: numbers, dates, a few search words. Anything longer is refused up front. */
export const maxArgumentLength = 300;

/** How a command was asked for: typed text (console, Telegram) or named options (Discord). */
export type Invocation =
	| { readonly name: string; readonly text: string }
	| { readonly name: string; readonly options: Readonly<Record<string, unknown>> };

/** Every outcome of a dispatch, for logs and metrics. */
export interface DispatchOutcome {
	readonly command: string;
	readonly outcome: 'success' | 'failure' | 'unknown' | 'error';
	readonly durationMs: number;
	readonly failureCode?: string;
	readonly error?: unknown;
}

export interface Dispatcher {
	readonly commands: readonly Command[];
	readonly summaries: readonly CommandSummary[];
	/** The summaries in a language, for /help and the platforms' command menus. */
	summariesFor(locale: string | undefined): readonly CommandSummary[];
	find(name: string): Command | undefined;
	/** Answers a message as typed. Never throws: every failure is a block. */
	runText(text: string, context: Omit<CommandContext, 'commands'>): Reply;
	/** Answers an invocation. Never throws: every failure is a block. */
	run(invocation: Invocation, context: Omit<CommandContext, 'commands'>): Reply;
	/**
	 * The language a command run in this context answers in (the chat's `/settings language`, else
	 * the reader's), so an adapter's own words around the answer (Stop, Thinking…) match it.
	 */
	localeFor(context: Omit<CommandContext, 'commands'>): Promise<string | undefined>;
}

export interface DispatcherOptions {
	readonly onOutcome?: (outcome: DispatchOutcome) => void;
	/**
	 * Services the composition root builds once for every command run (`/ask`'s answerer): merged
	 * into each context, so adapters need not carry them through their context builders.
	 */
	readonly shared?: Pick<CommandContext, 'ask' | 'languages'>;
	/** Remembers, per reader, the newest issue an answer showed them (for `/since`). Absent: nothing is remembered. */
	readonly readers?: ReaderMemory;
}

/**
 * Routes invocations to commands through small stages — find, validate, run — so that every
 * outcome is one of: unknown, bad argument, expected failure, unexpected error, success.
 */
export function createDispatcher(commands: readonly Command[], options: DispatcherOptions = {}): Dispatcher {
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
	async function chosenLocale(partial: Omit<CommandContext, 'commands'>): Promise<string | undefined> {
		const languages = partial.languages ?? options.shared?.languages;
		if (!languages || partial.chat.platform === 'console') return partial.locale;
		try {
			return (await languages.get({ platform: partial.chat.platform, chatId: partial.chat.id })) ?? partial.locale;
		} catch (error) {
			// A store hiccup must not cost the answer: the reader's own language will do.
			partial.log?.warn({ err: error }, 'chat language lookup failed');
			return partial.locale;
		}
	}

	async function* run(invocation: Invocation, partial: Omit<CommandContext, 'commands'>): Reply {
		const started = performance.now();
		const locale = await chosenLocale(partial);
		const t = translatorFor(locale);
		const reader = options.readers ? bindReader(options.readers, { platform: partial.chat.platform, userId: partial.user.id }) : undefined;
		const context: CommandContext = { ...options.shared, ...partial, ...(locale ? { locale } : {}), ...(reader ? { reader: reader.recall } : {}), commands: summariesFor(locale) };
		const report = (outcome: DispatchOutcome['outcome'], extra: Partial<DispatchOutcome> = {}): void =>
			options.onOutcome?.({ command: invocation.name, outcome, durationMs: performance.now() - started, ...extra });

		const command = byName.get(invocation.name.toLowerCase());
		if (!command) {
			report('unknown');
			const suggestion = suggest(invocation.name, summaries);
			yield failure('unknown-command', { command: invocation.name.slice(0, 40), ...(suggestion ? { suggestion } : {}) }, locale);
			return;
		}
		const parsed = parseArguments(command, invocation, t);
		if (!parsed.ok) {
			report('failure', { failureCode: 'bad-argument' });
			yield failure('bad-argument', { usage: commandUsage(command, t), problem: parsed.problem }, locale);
			return;
		}
		let failureCode: string | undefined;
		try {
			for await (const block of command.run(parsed.args, context)) {
				if (block.type === 'failure') {
					failureCode ??= block.code;
					// Failures built without the reader's language (a platform's access check) are worded again here.
					yield localiseFailure(block, locale);
				} else yield block;
			}
		} catch (error) {
			context.log?.error({ err: error, command: command.name }, 'command failed');
			report('error', { error });
			yield failure('internal-error', {}, locale);
			return;
		}
		report(failureCode ? 'failure' : 'success', failureCode ? { failureCode } : {});
		// The answer is out; failing to remember it must not turn it into an error.
		if (!failureCode) await reader?.remember().catch((error: unknown) => context.log?.warn({ err: error, command: command.name }, 'remembering the issue shown failed'));
	}

	async function* answerNotACommand(partial: Omit<CommandContext, 'commands'>): Reply {
		yield failure('not-a-command', {}, await chosenLocale(partial));
	}

	return {
		commands,
		summaries,
		summariesFor,
		find: (name) => byName.get(name.toLowerCase()),
		run,
		localeFor: chosenLocale,
		runText(text, context) {
			const line = parseCommandLine(text);
			if (!line) return answerNotACommand(context);
			return run({ name: line.name, text: line.argumentText }, context);
		},
	};
}

type ParsedArguments = { ok: true; args: unknown } | { ok: false; problem: string };

/** Maps typed text onto the command's options by position, then lets the schema judge. */
function parseArguments(command: Command, invocation: Invocation, t: Translator): ParsedArguments {
	let named: Record<string, unknown>;
	if ('text' in invocation) {
		// A command whose option allows more (a question to /ask) raises the cap to that option's maxLength.
		const cap = Math.max(maxArgumentLength, ...command.options.map((option) => option.maxLength ?? 0));
		if (invocation.text.length > cap) return { ok: false, problem: t.text('argument-too-long', { max: cap }) };
		named = {};
		let rest = invocation.text.trim();
		for (const option of command.options) {
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
		if (rest !== '' && command.options.length === 0) return { ok: false, problem: t.text('argument-none-taken', { command: command.name }) };
	} else {
		named = { ...invocation.options };
	}
	const result = command.schema.safeParse(named);
	if (result.success) return { ok: true, args: result.data };
	const issue = result.error.issues[0];
	const option = command.options.find((candidate) => candidate.name === issue?.path[0]);
	const message = issue ? describeIssue(issue, t) : t.text('argument-invalid');
	const problem = option ? `${capitalise(describeOption(command, option, t))}: ${message}.` : `${capitalise(message)}.`;
	return { ok: false, problem };
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
