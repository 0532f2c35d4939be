/**
 * What Discord checks in a command list's localizations before accepting it: only its own
 * locale names as keys, and descriptions of 1–100 characters, for commands and their options.
 * https://discord.com/developers/docs/reference#locales
 */
const discordLocales = new Set(['id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko']);

/** The error Discord would answer with (its "Invalid Form Body" text), or undefined. */
export function checkCommandLocalizations(commands: readonly Record<string, unknown>[]): string | undefined {
	const check = (where: string, localizations: unknown): string | undefined => {
		if (localizations === undefined || localizations === null) return undefined;
		for (const [locale, text] of Object.entries(localizations as Record<string, unknown>)) {
			if (!discordLocales.has(locale)) return `${where}.description_localizations: Invalid locale ${locale}`;
			if (typeof text !== 'string' || text.length < 1 || text.length > 100) return `${where}.description_localizations.${locale}: Must be between 1 and 100 in length.`;
		}
		return undefined;
	};
	for (const [index, command] of commands.entries()) {
		const problem = check(`${index}`, command.description_localizations);
		if (problem) return problem;
		for (const [at, option] of ((command.options as Record<string, unknown>[] | undefined) ?? []).entries()) {
			const optionProblem = check(`${index}.options.${at}`, option.description_localizations);
			if (optionProblem) return optionProblem;
		}
	}
	return undefined;
}

/** Integration types (0 server install, 1 user install) and interaction contexts (0 server, 1 bot DM, 2 group DM) Discord knows. */
const integrationTypes = new Set([0, 1]);
const interactionContexts = new Set([0, 1, 2]);

/**
 * What Discord checks in where a command may be used: known integration types and contexts,
 * and no install the application does not support (its Installation settings).
 * https://discord.com/developers/docs/interactions/application-commands#contexts
 * The wording of the error is the fake's; its code is Discord's "Invalid Form Body".
 */
export function checkCommandContexts(commands: readonly Record<string, unknown>[], supportedInstalls: ReadonlySet<number>): string | undefined {
	for (const [index, command] of commands.entries()) {
		const types = command.integration_types;
		if (types !== undefined && types !== null) {
			if (!Array.isArray(types) || types.length === 0) return `${index}.integration_types: Must be a non-empty list`;
			for (const type of types as unknown[]) {
				if (typeof type !== 'number' || !integrationTypes.has(type)) return `${index}.integration_types: Value "${String(type)}" is not a valid enum value.`;
				if (!supportedInstalls.has(type)) return `${index}.integration_types: Installation type ${type} is not supported by this application.`;
			}
		}
		const contexts = command.contexts;
		if (contexts !== undefined && contexts !== null) {
			if (!Array.isArray(contexts) || contexts.length === 0) return `${index}.contexts: Must be a non-empty list`;
			for (const context of contexts as unknown[]) if (typeof context !== 'number' || !interactionContexts.has(context)) return `${index}.contexts: Value "${String(context)}" is not a valid enum value.`;
		}
	}
	return undefined;
}
