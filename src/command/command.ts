import type { z } from 'zod';
import type { Archive } from '../archive/archive.js';
import type { AskService } from '../ask/ask-service.js';
import type { Reply } from '../content/block.js';
import type { Logger } from '../logger.js';
import type { LatestBroadcastSummary } from '../delivery/broadcast-status.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { ReaderRecall } from '../readers/reader-memory.js';
import type { ChatAccess } from './chat-access.js';
import type { FeedHealth } from '../feeds/feed-poller.js';
import type { ChatLanguageStore } from '../i18n/chat-language-store.js';
import type { PublicationCatalogue } from '../publications/publication-catalogue.js';

export type Platform = 'console' | 'telegram' | 'discord';

/** Where a command was sent. Platform ids are strings: Discord snowflakes overflow numbers. */
export interface ChatRef {
	readonly platform: Platform;
	readonly id: string;
	readonly kind: 'private' | 'group' | 'channel';
	/** A forum topic (Telegram) or thread (Discord) within the chat. */
	readonly threadId?: string;
	readonly title?: string;
}

export interface UserRef {
	readonly id: string;
	readonly name?: string;
}

/** One argument a command takes. Adapters build native options (Discord) or usage text from it. */
/** The option by which a command takes a publication (`/latest rust`); commands/publication-scope.ts declares it. */
export const publicationOptionName = 'publication';

/** Whether a command takes a publication: the dispatcher, menus and guest mode all ask it. */
export function takesPublication(command: { readonly options: readonly Pick<CommandOption, 'name'>[] }): boolean {
	return command.options.some((option) => option.name === publicationOptionName);
}

export interface CommandOption {
	readonly name: string;
	readonly description: string;
	/** `channel`: a chat or channel reference; text platforms read "@name", Discord offers a channel picker. */
	readonly type: 'integer' | 'string' | 'channel';
	readonly required: boolean;
	/** Takes the rest of the line, spaces included (search queries, section names). */
	readonly rest?: boolean;
	/** What an adapter may offer as completions while the user types. */
	readonly autocomplete?: 'story' | 'issue' | 'section' | 'publication';
	readonly min?: number;
	readonly max?: number;
	readonly maxLength?: number;
}

/** A command as the help text and the platform menus list it. */
export interface CommandSummary {
	readonly name: string;
	readonly description: string;
	readonly usage: string;
}

/**
 * Where an update came from: what only the adapter that received it knows. The adapter builds
 * this once per update and hands it to the dispatcher with the update's abort signal; nothing
 * process-wide passes through it.
 */
export interface Origin {
	readonly chat: ChatRef;
	readonly user: UserRef;
	/**
	 * The reader's client language (Telegram `language_code`, Discord `locale`); the dispatcher
	 * lets the chat's `/settings language` choice win over it. Absent: English.
	 */
	readonly locale?: string;
	/** The platform's answers about this chat (who may manage it, which chat a reference names). Absent where there are none (the console). */
	readonly access?: ChatAccess;
}

/**
 * The process-wide services commands use, built once by the composition root and held by the
 * dispatcher, which adds them to every run. A service that is absent is one this process does
 * not offer (the console has no subscriptions), and the commands that need it say so.
 */
export interface CommandServices {
	readonly archive: Archive;
	/** The publications readers choose from; built from the archive alone when the root gives none. */
	readonly publications: PublicationCatalogue;
	readonly log: Logger;
	/** Absent where subscriptions are not offered (the console). */
	readonly subscriptions?: SubscriptionStore;
	/** Answers `/ask` from the archive (extractive, or through the configured LLM). Absent: `/ask` is unavailable. */
	readonly ask?: AskService;
	/** Where `/settings language` keeps a chat's choice. Absent: the choice cannot be saved here. */
	readonly languages?: ChatLanguageStore;
	/** The latest broadcast's progress, for `/status`; undefined before the first broadcast or where nothing is published. */
	readonly broadcastStatus: () => Promise<BroadcastSummary | undefined>;
	/** The followed feeds, failing and paused ones with their reason, for `/status`. */
	readonly feedStatus: () => Promise<readonly FeedHealth[]>;
}

/**
 * What a command may use: the dispatcher's services, the update's origin, and what the
 * dispatcher settled for this run (the answer's language, the reader's memory).
 */
export interface CommandContext extends CommandServices, Origin {
	/** The language the answer is in: the chat's `/settings language` choice, else the reader's client language. */
	readonly locale?: string;
	/** The commands in that language, for /help and /start. */
	readonly commands: readonly CommandSummary[];
	/**
	 * Aborted when the reader stops the answer (a Stop button) or the adapter gives up on it. A
	 * command that writes slowly (see `CommandShape.generated`) ends its reply soon after, keeping
	 * what it has written. Never aborted when the adapter offers no Stop.
	 */
	readonly signal: AbortSignal;
	/** The newest issue this reader was shown, and where a command notes the issue it shows. Absent: nothing is remembered. */
	readonly reader?: ReaderRecall;
}

/** Counts of the latest broadcast, as `/status` shows them. */
export type BroadcastSummary = LatestBroadcastSummary;

interface CommandShape {
	readonly name: string;
	readonly description: string;
	/** Shown on a bad argument, e.g. "/story N [issue]". */
	readonly usage: string;
	readonly options: readonly CommandOption[];
	/** Left out of menus and help (e.g. /start, which every platform sends on its own). */
	readonly hidden?: boolean;
	/**
	 * Who the command is for. The dispatcher refuses `bot-admins` commands to anyone not in
	 * `ADMIN_IDS` before they run, in the reader's language, on every platform. Whether someone
	 * administers a chat depends on which chat the command names (`/subscribe @channel`), so
	 * `chat-admins` commands check it through ChatAccess when they resolve their target;
	 * platforms may also hide them from other members (Discord's default member permissions).
	 */
	readonly audience?: 'everyone' | 'chat-admins' | 'bot-admins';
	/**
	 * The answer is written while the reader waits (an LLM producing it): adapters show at once
	 * that it is coming, offer a Stop button while it streams, and abort `context.signal` on Stop.
	 */
	readonly generated?: boolean;
}

export interface CommandSpec<S extends z.ZodType> extends CommandShape {
	/** Validates the named arguments; the dispatcher answers a failure with the usage. */
	readonly schema: S;
	run(args: z.output<S>, context: CommandContext): Reply;
}

/** A command with its argument type erased, as the dispatcher holds it. */
export interface Command extends CommandShape {
	readonly schema: z.ZodType;
	/** Runs with arguments that `schema` has already accepted. */
	run(args: unknown, context: CommandContext): Reply;
}

/**
 * Declares a command. Arguments reach `run` only after `schema` accepted them, which is why
 * erasing their type here is safe.
 */
export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): Command {
	return { ...spec, run: (args, context) => spec.run(args as z.output<S>, context) };
}
