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
