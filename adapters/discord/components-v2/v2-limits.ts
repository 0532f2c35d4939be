/**
 * What Discord accepts in one message sent with the IS_COMPONENTS_V2 flag. A payload over any of
 * these is refused with 400 "Invalid Form Body", so the packer counts as it builds and never
 * produces one. https://discord.com/developers/docs/components/reference
 */
export const componentsV2Limits = {
	/** Every component of the message, nested ones included (a section's texts and accessory). */
	components: 40,
	/** Components directly in the message's `components` array. */
	topLevel: 10,
	/** The characters of every text display of the message, added up. */
	text: 4000,
	/** Children of one container, as discord-api-types documents them (the stricter reading). */
	containerChildren: 10,
	/** Text displays beside one section accessory. */
	sectionTexts: 3,
	buttonsPerRow: 5,
	buttonLabel: 80,
} as const;

/** The message flag that turns a message into a Components V2 message: content and embeds no longer work. */
export const isComponentsV2Flag = 1 << 15;
