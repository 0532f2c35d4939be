/**
 * Discord's rules for what the V2 check leaves alone: a classic message's action rows and an
 * autocomplete answer's choices. Discord refuses the whole body (400, Invalid Form Body) when one
 * is broken, so the fake does too.
 * https://discord.com/developers/docs/components/reference#action-row
 * https://discord.com/developers/docs/components/reference#button
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete
 */

type Json = Record<string, unknown>;

const v2Flag = 1 << 15;

/** What Discord allows in a classic message and in an autocomplete answer. */
export const classicRules = { rows: 5, buttonsPerRow: 5, customId: 100, label: 80, choices: 25, choiceName: 100, choiceValue: 100 } as const;

/** Problems of a classic (non-V2) message's action rows: at most 5 rows of at most 5 buttons, each with a 1–100-character custom_id or a url. */
export function classicComponentProblems(body: Json, existingFlags?: number): string[] {
	const flags = typeof body.flags === 'number' ? body.flags : existingFlags ?? 0;
	if (((existingFlags ?? flags) & v2Flag) !== 0 || !Array.isArray(body.components)) return [];
	const rows = body.components as Json[];
	const problems: string[] = [];
	if (rows.length > classicRules.rows) problems.push(`components: ${rows.length} action rows, at most ${classicRules.rows}`);
	rows.forEach((row, index) => {
		const buttons = Array.isArray(row.components) ? (row.components as Json[]) : [];
		if (buttons.length > classicRules.buttonsPerRow) problems.push(`components[${index}]: ${buttons.length} buttons, at most ${classicRules.buttonsPerRow}`);
		buttons.forEach((button, at) => {
			const path = `components[${index}].components[${at}]`;
			if (button.type !== 2) return;
			if (typeof button.label === 'string' && button.label.length > classicRules.label) problems.push(`${path}.label: at most ${classicRules.label} characters`);
			if (button.url !== undefined) return;
			const customId = typeof button.custom_id === 'string' ? button.custom_id : '';
			if (customId === '' || customId.length > classicRules.customId) problems.push(`${path}.custom_id: 1 to ${classicRules.customId} characters`);
		});
	});
	return problems;
}

/** Problems of an autocomplete answer (callback type 8): at most 25 choices, each named in 1–100 characters, a string value at most 100. */
export function autocompleteProblems(data: Json | undefined): string[] {
	const choices = Array.isArray(data?.choices) ? (data.choices as Json[]) : undefined;
	if (!choices) return ['data.choices: required'];
	const problems: string[] = [];
	if (choices.length > classicRules.choices) problems.push(`data.choices: ${choices.length} choices, at most ${classicRules.choices}`);
	choices.forEach((choice, index) => {
		const name = typeof choice.name === 'string' ? choice.name : '';
		if (name.length < 1 || name.length > classicRules.choiceName) problems.push(`data.choices[${index}].name: 1 to ${classicRules.choiceName} characters`);
		if (typeof choice.value === 'string' ? choice.value.length > classicRules.choiceValue : typeof choice.value !== 'number') problems.push(`data.choices[${index}].value: a number or at most ${classicRules.choiceValue} characters`);
	});
	return problems;
}
