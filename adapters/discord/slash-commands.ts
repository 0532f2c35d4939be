import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	InteractionContextType,
	PermissionFlagsBits,
	type APIApplicationCommandBasicOption,
	type APIApplicationCommandBooleanOption,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandOption } from '../../src/command/command.js';
import { describeCommand, describeOption } from '../../src/i18n/command-text.js';
import { defaultLocale, locales, type Locale } from '../../src/i18n/locale.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { truncate } from './discord-limits.js';

/** Discord's rule for command and option names: lower case, 1–32 characters. */
const namePattern = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/** The boolean option of the reader commands: show the answer to everyone in the channel instead of to the reader alone. */
export const shareOptionName = 'share';

/**
 * Commands for everyone that still only make sense where the bot is installed to the server:
 * `/subscriptions` lists the server's subscriptions. The audience says the rest (`chat-admins`
 * and `bot-admins` commands manage the server or the bot).
 */
const serverInstallCommands: ReadonlySet<string> = new Set(['subscriptions']);

/** Where the command list is registered, and whether the application accepts user installs. */
export interface CommandListScope {
	/**
	 * Global commands say where they may be used; a server's own commands exist only in that
	 * server, and Discord reads `integration_types` and `contexts` of global commands only
	 * (guild commands refuse the BOT_DM context).
	 * https://discord.com/developers/docs/interactions/application-commands#contexts
	 */
	readonly global: boolean;
	/**
	 * User Install is enabled for the application (Developer Portal → Installation): a command may
	 * name USER_INSTALL only then.
	 */
	readonly userInstall: boolean;
}

/** Whether a command reads the archive for the reader and so works from a user install, where the bot may not be a member. */
export function isReaderCommand(command: Pick<Command, 'name' | 'audience'>): boolean {
	return (command.audience ?? 'everyone') === 'everyone' && !serverInstallCommands.has(command.name);
}

/**
 * Builds the application command list from the commands themselves, so that a new command
 * (or a new option) appears in Discord's slash menu without touching the adapter. Hidden
 * commands (/start) and names Discord would refuse are left out, except hidden commands for the
 * bot's admins (/status): Discord only runs registered commands, so those are registered but
 * shown in servers to server administrators alone; the command itself checks ADMIN_IDS.
 */
export function buildSlashCommands(commands: readonly Command[], scope: CommandListScope = { global: true, userInstall: true }): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
	return commands
		.filter((command) => (!command.hidden || command.audience === 'bot-admins') && namePattern.test(command.name))
		.map((command) => ({
			type: ApplicationCommandType.ChatInput,
			name: command.name,
			description: describe(command.description),
			description_localizations: localise((t) => describeCommand(command, t)),
			options: buildOptions(command),
			...(scope.global ? whereUsable(command, scope.userInstall) : {}),
			// Subscription commands show only to members who can manage channels; ChatAccess checks again at run time.
			...(command.audience === 'chat-admins' ? { default_member_permissions: PermissionFlagsBits.ManageChannels.toString() } : {}),
			// "0": no member permission is enough, so only server administrators see it (Discord's documented convention).
			...(command.audience === 'bot-admins' ? { default_member_permissions: '0' } : {}),
		}));
}

/**
 * Reader commands install to a server or to a reader and work in servers, in DMs with the bot
 * and in group DMs (PRIVATE_CHANNEL only means something to a user install). The others need
 * the bot in the server: server install only, in servers and the bot's DM.
 */
function whereUsable(command: Command, userInstall: boolean): Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, 'contexts' | 'integration_types'> {
	if (userInstall && isReaderCommand(command)) {
		return {
			integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
			contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
		};
	}
	return { integration_types: [ApplicationIntegrationType.GuildInstall], contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] };
}

/** The command's own options, required first, then `share` on reader commands. */
function buildOptions(command: Command): APIApplicationCommandBasicOption[] {
	// Discord refuses a required option after an optional one; the dispatcher matches options by name, so reordering is safe.
	const own = [...command.options].sort((a, b) => Number(b.required) - Number(a.required)).map((option) => buildOption(command, option));
	const takesShare = isReaderCommand(command) && !command.options.some((option) => option.name === shareOptionName);
	return takesShare ? [...own, shareOption()] : own;
}

/**
 * `share`: where the bot is not a member (a user install), answers are the reader's alone
 * unless they share them; where it is, `share: false` keeps one answer private.
 */
function shareOption(): APIApplicationCommandBooleanOption {
	return {
		type: ApplicationCommandOptionType.Boolean,
		name: shareOptionName,
		description: describe(translatorFor().text('discord-option-share')),
		description_localizations: localise((t) => t.text('discord-option-share')),
		required: false,
	};
}

function buildOption(command: Command, option: CommandOption): APIApplicationCommandBasicOption {
	const base = {
		name: option.name.toLowerCase(),
		description: describe(option.description),
		description_localizations: localise((t) => describeOption(command, option, t)),
		required: option.required,
	};
	if (option.type === 'integer') {
		return {
			...base,
			type: ApplicationCommandOptionType.Integer,
			...(option.autocomplete ? { autocomplete: true } : {}),
			...(option.min !== undefined ? { min_value: option.min } : {}),
			...(option.max !== undefined ? { max_value: option.max } : {}),
		};
	}
	if (option.type === 'channel') {
		return {
			...base,
			type: ApplicationCommandOptionType.Channel,
			channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread],
		};
	}
	return {
		...base,
		type: ApplicationCommandOptionType.String,
		...(option.autocomplete ? { autocomplete: true } : {}),
		...(option.maxLength !== undefined ? { max_length: Math.min(option.maxLength, 6000) } : {}),
	};
}

/**
 * A description in every other catalogue's language, keyed by Discord's locale names ("ru",
 * "zh-CN": the catalogues use the same). Names stay English: they are what people type.
 * https://discord.com/developers/docs/interactions/application-commands#localization
 */
function localise(text: (t: Translator) => string): Partial<Record<Locale, string>> {
	const out: Partial<Record<Locale, string>> = {};
	for (const locale of locales) if (locale !== defaultLocale) out[locale] = describe(text(translatorFor(locale)));
	return out;
}

/** Descriptions must be 1–100 characters; ours read better capitalised in Discord's menu. */
function describe(value: string): string {
	const text = value.trim() === '' ? 'No description' : value.trim();
	return truncate(text.charAt(0).toUpperCase() + text.slice(1), 100);
}
