import { ApplicationIntegrationType, Routes, type APIApplication, type REST } from 'discord.js';
import type { Command } from '../../src/command/command.js';
import type { Logger } from '../../src/logger.js';
import { classifyDiscordError } from './error-boundary.js';
import { buildSlashCommands } from './slash-commands.js';

export interface RegistrationTarget {
	readonly applicationId: string;
	/** Registers to one server, where changes show at once; without it, globally (may take up to an hour to show). */
	readonly guildId?: string;
}

/**
 * Replaces the application's commands with ours in one PUT, so that renamed or removed
 * commands disappear too. A failure is logged and survived: the commands registered by the
 * previous start keep working.
 *
 * Global commands name the user install only when the application has it enabled: Discord
 * accepts USER_INSTALL in a command's `integration_types` only if the application supports it,
 * so an application without it gets the server-install form rather than no commands. When the
 * settings cannot be read, nothing is registered: the commands of the previous start stay.
 * https://discord.com/developers/docs/interactions/application-commands#installation-context
 */
export async function registerSlashCommands(rest: REST, commands: readonly Command[], target: RegistrationTarget, log: Logger): Promise<boolean> {
	const global = target.guildId === undefined;
	const userInstall = global ? await supportsUserInstall(rest, log) : false;
	// Unknown is not "no": registering the server-install form then would take the reader commands from every user install.
	if (userInstall === undefined) return false;
	const body = buildSlashCommands(commands, { global, userInstall });
	const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
	try {
		await rest.put(route, { body });
		log.info({ commands: body.map((command) => command.name), scope: target.guildId ? `guild ${target.guildId}` : 'global', userInstall }, 'discord slash commands registered');
		return true;
	} catch (error) {
		log.error({ ...classifyDiscordError(error), scope: target.guildId ? 'guild' : 'global' }, 'discord slash command registration failed; commands from an earlier start stay as they were');
		return false;
	}
}

/**
 * Whether the application's installation settings include User Install (`integration_types_config`
 * of `GET /applications/@me`); undefined when they could not be read.
 */
async function supportsUserInstall(rest: REST, log: Logger): Promise<boolean | undefined> {
	try {
		const application = (await rest.get(Routes.currentApplication())) as APIApplication;
		if (application.integration_types_config?.[ApplicationIntegrationType.UserInstall] !== undefined) return true;
		log.warn('discord application has no User Install: reader commands are registered for servers only; enable it under Installation in the Developer Portal');
		return false;
	} catch (error) {
		log.error({ ...classifyDiscordError(error) }, 'discord application settings could not be read; slash commands not registered, those from an earlier start stay as they were');
		return undefined;
	}
}
