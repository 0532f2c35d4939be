import { distance } from 'fastest-levenshtein';
import type { Block, Reply } from '../content/block.js';
import { bindReader, type ReaderMemory } from '../readers/reader-memory.js';
import type { Command, CommandContext, CommandSummary } from './command.js';
import { parseCommandLine } from './command-line.js';
import { failure } from './failures.js';

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
	find(name: string): Command | undefined;
	/** Answers a message as typed. Never throws: every failure is a block. */
	runText(text: string, context: Omit<CommandContext, 'commands'>): Reply;
	/** Answers an invocation. Never throws: every failure is a block. */
	run(invocation: Invocation, context: Omit<CommandContext, 'commands'>): Reply;
}

export interface DispatcherOptions {
	readonly onOutcome?: (outcome: DispatchOutcome) => void;
	/**
	 * Services the composition root builds once for every command run (`/ask`'s answerer): merged
	 * into each context, so adapters need not carry them through their context builders.
	 */
	readonly shared?: Pick<CommandContext, 'ask'>;
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

	async function* run(invocation: Invocation, partial: Omit<CommandContext, 'commands'>): Reply {
		const started = performance.now();
		const reader = options.readers ? bindReader(options.readers, { platform: partial.chat.platform, userId: partial.user.id }) : undefined;
		const context: CommandContext = { ...options.shared, ...partial, ...(reader ? { reader: reader.recall } : {}), commands: summaries };
		const report = (outcome: DispatchOutcome['outcome'], extra: Partial<DispatchOutcome> = {}): void =>
			options.onOutcome?.({ command: invocation.name, outcome, durationMs: performance.now() - started, ...extra });

		const command = byName.get(invocation.name.toLowerCase());
		if (!command) {
			report('unknown');
			const suggestion = suggest(invocation.name, summaries);
			yield failure('unknown-command', { command: invocation.name.slice(0, 40), ...(suggestion ? { suggestion } : {}) });
			return;
		}
		const parsed = parseArguments(command, invocation);
		if (!parsed.ok) {
			report('failure', { failureCode: 'bad-argument' });
			yield failure('bad-argument', { usage: command.usage, problem: parsed.problem });
			return;
		}
		let failureCode: string | undefined;
		try {
			for await (const block of command.run(parsed.args, context)) {
				if (block.type === 'failure') failureCode ??= block.code;
				yield block;
			}
		} catch (error) {
			context.log?.error({ err: error, command: command.name }, 'command failed');
			report('error', { error });
			yield failure('internal-error', {});
			return;
		}
		report(failureCode ? 'failure' : 'success', failureCode ? { failureCode } : {});
		// The answer is out; failing to remember it must not turn it into an error.
		if (!failureCode) await reader?.remember().catch((error: unknown) => context.log?.warn({ err: error, command: command.name }, 'remembering the issue shown failed'));
	}

	return {
		commands,
		summaries,
		find: (name) => byName.get(name.toLowerCase()),
		run,
		runText(text, context) {
			const line = parseCommandLine(text);
			if (!line) return once(failure('not-a-command', {}));
			return run({ name: line.name, text: line.argumentText }, context);
		},
	};
}

type ParsedArguments = { ok: true; args: unknown } | { ok: false; problem: string };

/** Maps typed text onto the command's options by position, then lets the schema judge. */
function parseArguments(command: Command, invocation: Invocation): ParsedArguments {
	let named: Record<string, unknown>;
	if ('text' in invocation) {
		// A command whose option allows more (a question to /ask) raises the cap to that option's maxLength.
		const cap = Math.max(maxArgumentLength, ...command.options.map((option) => option.maxLength ?? 0));
		if (invocation.text.length > cap) return { ok: false, problem: `That is too long (over ${cap} characters).` };
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
		if (rest !== '' && command.options.length === 0) return { ok: false, problem: `/${command.name} takes no arguments.` };
	} else {
		named = { ...invocation.options };
	}
	const result = command.schema.safeParse(named);
	if (result.success) return { ok: true, args: result.data };
	const issue = result.error.issues[0];
	const option = command.options.find((candidate) => candidate.name === issue?.path[0]);
	const problem = option ? `${capitalise(option.description)}: ${issue?.message ?? 'invalid'}.` : `${issue?.message ?? 'Invalid arguments'}.`;
	return { ok: false, problem };
}

/** The closest known command, if the name is plausibly a typo of it. */
function suggest(name: string, summaries: readonly CommandSummary[]): string | undefined {
	const wanted = name.toLowerCase().slice(0, 40);
	let best: { name: string; score: number } | undefined;
	for (const summary of summaries) {
		const score = summary.name.startsWith(wanted) || wanted.startsWith(summary.name) ? 0.5 : distance(wanted, summary.name);
		if (!best || score < best.score) best = { name: summary.name, score };
	}
	return best && best.score <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

function capitalise(value: string): string {
	return value.charAt(0).toUpperCase() + value.slice(1);
}

async function* once(block: Block): Reply {
	yield block;
}
