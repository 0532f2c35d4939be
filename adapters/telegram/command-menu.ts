import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { CommandSummary } from '../../src/command/command.js';

/**
 * The "/" menu Telegram clients show, from the same summaries /help lists. Telegram accepts
 * names of 1–32 lowercase letters, digits and underscores and descriptions of 1–256
 * characters; anything else would make the whole call fail, so it is filtered here.
 * https://core.telegram.org/bots/api#setmycommands
 */
export function buildCommandMenu(summaries: readonly CommandSummary[]): BotCommand[] {
	return summaries
		.filter((summary) => /^[a-z0-9_]{1,32}$/.test(summary.name))
		.slice(0, 100)
		.map((summary) => ({ command: summary.name, description: summary.description.slice(0, 256) || summary.name }));
}

/** Registers the menu for every chat type (the default scope). */
export async function registerCommandMenu(api: Api, summaries: readonly CommandSummary[]): Promise<void> {
	await api.setMyCommands(buildCommandMenu(summaries));
}
