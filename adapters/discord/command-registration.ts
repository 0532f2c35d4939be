import { Routes, type REST } from 'discord.js';
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
 */
export async function registerSlashCommands(rest: REST, commands: readonly Command[], target: RegistrationTarget, log: Logger): Promise<boolean> {
	const body = buildSlashCommands(commands);
	const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
	try {
		await rest.put(route, { body });
		log.info({ commands: body.map((command) => command.name), scope: target.guildId ? `guild ${target.guildId}` : 'global' }, 'discord slash commands registered');
		return true;
	} catch (error) {
		log.error({ ...classifyDiscordError(error), scope: target.guildId ? 'guild' : 'global' }, 'discord slash command registration failed; commands from an earlier start stay as they were');
		return false;
	}
}
