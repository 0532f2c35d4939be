/**
 * Discord's hard limits on what one message may carry. A request over any of them is refused
 * with 400 "Invalid Form Body", so the renderer splits before it sends.
 * https://discord.com/developers/docs/resources/message#create-message and
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const discordLimits = {
	content: 2000,
	embedTitle: 256,
	embedDescription: 4096,
	embedFields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	/** Sum of every text field of all embeds of one message. */
	embedTotal: 6000,
	embedsPerMessage: 10,
	buttonLabel: 80,
	buttonsPerRow: 5,
	rows: 5,
	/** Not Discord's: a cap of ours so that a runaway answer cannot flood a channel. */
	messagesPerAnswer: 10,
} as const;

/** Cuts a text to at most `limit` characters, marking the cut with an ellipsis. */
export function truncate(value: string, limit: number): string {
	if (value.length <= limit) return value;
	let end = limit - 1;
	// Never leave half of a surrogate pair behind: Discord rejects the lone half.
	if (isHighSurrogate(value.charCodeAt(end - 1))) end -= 1;
	return `${value.slice(0, end)}…`;
}

/** Whether a UTF-16 code unit is the first half of a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
