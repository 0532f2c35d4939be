import type { Action } from '../../src/content/block.js';

/** Discord refuses a component whose custom_id is longer than this. */
export const maxCustomIdLength = 100;

/**
 * What a button press does to the message it sits on: `edit` replaces the message (paging
 * through stories), `reply` answers with a new message (sources, a story picked from a list).
 */
export type PressMode = 'edit' | 'reply';

/** An action decoded from a button press. */
export interface DecodedAction {
	readonly mode: PressMode;
	readonly command: string;
	readonly args: readonly string[];
}

// A version prefix lets a future format coexist with buttons already posted in channels.
const prefix = 'd1';
const separator = '|';

/**
 * Encodes an action into a custom_id, or returns undefined when it cannot fit: a button
 * that would be cut short must not be shown, because pressing it would run the wrong thing.
 */
export function encodeCustomId(action: Action, mode: PressMode): string | undefined {
	const parts = [prefix, mode === 'edit' ? 'e' : 'r', action.command, ...action.args].map((part) => encodeURIComponent(part));
	const id = parts.join(separator);
	return id.length <= maxCustomIdLength ? id : undefined;
}

/** Decodes a custom_id this adapter produced; anything else (old or foreign buttons) is undefined. */
export function decodeCustomId(customId: string): DecodedAction | undefined {
	const parts = customId.split(separator);
	const [version, mode, command, ...args] = parts;
	if (version !== prefix || (mode !== 'e' && mode !== 'r') || !command) return undefined;
	try {
		return { mode: mode === 'e' ? 'edit' : 'reply', command: decodeURIComponent(command), args: args.map((arg) => decodeURIComponent(arg)) };
	} catch {
		return undefined;
	}
}

/** Marks a Stop button: `d1|s|<interaction id>` names the answer it stops. */
const stopMode = 's';

/** The custom_id of the Stop button on the answer to this interaction. */
export function encodeStopId(interactionId: string): string {
	return [prefix, stopMode, interactionId].join(separator);
}

/** The interaction whose answer a Stop button stops; undefined for any other custom_id. */
export function decodeStopId(customId: string): string | undefined {
	const [version, mode, id, ...extra] = customId.split(separator);
	return version === prefix && mode === stopMode && id && /^\d+$/.test(id) && extra.length === 0 ? id : undefined;
}
