import { InlineKeyboard } from 'grammy';
import type { Action } from '../../src/content/block.js';
import type { Invocation } from '../../src/command/dispatcher.js';

/** Telegram refuses callback data over 64 bytes (bytes, not characters). */
const maxCallbackBytes = 64;

/** A version tag, so that buttons on old messages can be told apart if the format ever changes. */
const prefix = 'c1 ';

/**
 * Encodes an action as the command line it stands for ("c1 story 4 2026-03-03"). Pressing the
 * button then goes through the same argument parsing as typing the command, so a button can
 * never do something a user could not type. Undefined when it would not fit in 64 bytes.
 */
export function encodeAction(action: Action): string | undefined {
	const data = `${prefix}${[action.command, ...action.args].join(' ')}`;
	return Buffer.byteLength(data, 'utf8') <= maxCallbackBytes ? data : undefined;
}

/** Reads callback data back into an invocation; undefined for data this bot did not write. */
export function decodeAction(data: string): Invocation | undefined {
	if (!data.startsWith(prefix)) return undefined;
	const [name = '', ...args] = data.slice(prefix.length).split(' ');
	if (!/^[a-z0-9_-]{1,32}$/.test(name)) return undefined;
	return { name, text: args.join(' ') };
}

/** Buttons as an inline keyboard, one row per actions block; actions that cannot be encoded are left out. */
export function buildKeyboard(rows: readonly (readonly Action[])[]): InlineKeyboard | undefined {
	const keyboard = new InlineKeyboard();
	let buttons = 0;
	for (const row of rows) {
		let inRow = 0;
		for (const action of row) {
			const data = encodeAction(action);
			if (!data) continue;
			// Telegram shows at most 8 buttons per row; wrap earlier so labels stay readable.
			if (inRow === 4) {
				keyboard.row();
				inRow = 0;
			}
			keyboard.text(action.label.slice(0, 64), data);
			inRow += 1;
			buttons += 1;
		}
		if (inRow > 0) keyboard.row();
	}
	return buttons > 0 ? keyboard : undefined;
}
