import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ApplicationIntegrationType,
	ChannelType,
	InteractionContextType,
	PermissionFlagsBits,
	type APIApplicationCommandBasicOption,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandOption } from '../../src/command/command.js';
import { describeCommand, describeOption } from '../../src/i18n/command-text.js';
import { defaultLocale, locales, type Locale } from '../../src/i18n/locale.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { truncate } from './discord-limits.js';

/** Discord's rule for command and option names: lower case, 1–32 characters. */
const namePattern = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/**
 * Builds the application command list from the commands themselves, so that a new command
 * (or a new option) appears in Discord's slash menu without touching the adapter. Hidden
 * commands (/start) and names Discord would refuse are left out, except hidden commands for the
 * bot's admins (/status): Discord only runs registered commands, so those are registered but
 * shown in servers to server administrators alone; the command itself checks ADMIN_IDS.
 */
export function buildSlashCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
	return commands
		.filter((command) => (!command.hidden || command.audience === 'bot-admins') && namePattern.test(command.name))
		.map((command) => ({
			type: ApplicationCommandType.ChatInput,
			name: command.name,
			description: describe(command.description),
			description_localizations: localise((t) => describeCommand(command, t)),
			// Discord refuses a required option after an optional one; the dispatcher matches options by name, so reordering is safe.
			options: [...command.options].sort((a, b) => Number(b.required) - Number(a.required)).map((option) => buildOption(command, option)),
			// Usable in servers, in DMs with the bot, and in group DMs.
			contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
			// Subscription commands show only to members who can manage channels; ChatAccess checks again at run time.
			...(command.audience === 'chat-admins' ? { default_member_permissions: PermissionFlagsBits.ManageChannels.toString() } : {}),
			// "0": no member permission is enough, so only server administrators see it (Discord's documented convention).
			...(command.audience === 'bot-admins' ? { default_member_permissions: '0' } : {}),
			integration_types: [ApplicationIntegrationType.GuildInstall],
		}));
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
