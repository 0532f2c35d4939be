/**
 * What Discord refuses in a message body, for the rules of Components V2
 * (https://discord.com/developers/docs/components/reference): the fake answers 400
 * "Invalid Form Body" with these errors, so a payload Discord would refuse fails the test.
 * Returns undefined when the body is acceptable.
 */

const v2Flag = 1 << 15;

const type = { actionRow: 1, button: 2, section: 9, textDisplay: 10, thumbnail: 11, mediaGallery: 12, file: 13, separator: 14, container: 17 } as const;
const selects = new Set([3, 5, 6, 7, 8]);
const topLevelTypes = new Set<number>([type.actionRow, type.section, type.textDisplay, type.mediaGallery, type.file, type.separator, type.container]);
const containerChildTypes = new Set<number>([type.actionRow, type.section, type.textDisplay, type.mediaGallery, type.file, type.separator]);

export const componentsV2Rules = { components: 40, topLevel: 10, text: 4000, containerChildren: 10, sectionTexts: 3, buttonsPerRow: 5, buttonLabel: 80, customId: 100 } as const;

type Json = Record<string, unknown>;

/** The problems of a message body sent to create (or, with `existingFlags`, edit) a message. */
export function componentsV2Problems(body: Json, existingFlags?: number): string[] {
	const problems: string[] = [];
	const flags = typeof body.flags === 'number' ? body.flags : existingFlags ?? 0;
	const isV2 = ((existingFlags ?? flags) & v2Flag) !== 0;
	if (existingFlags !== undefined && typeof body.flags === 'number' && (body.flags & v2Flag) !== (existingFlags & v2Flag)) {
		problems.push('flags: IS_COMPONENTS_V2 cannot be added to or removed from a sent message');
	}
	const components = Array.isArray(body.components) ? (body.components as Json[]) : [];
	if (!isV2) {
		// Without the flag only action rows may stand at the top level.
		components.forEach((component, index) => {
			if (component.type !== type.actionRow) problems.push(`components[${index}]: type ${String(component.type)} needs the IS_COMPONENTS_V2 flag`);
		});
		return problems;
	}
	if (typeof body.content === 'string' && body.content !== '') problems.push('content: not allowed with IS_COMPONENTS_V2');
	if (Array.isArray(body.embeds) && body.embeds.length > 0) problems.push('embeds: not allowed with IS_COMPONENTS_V2');
	if (body.sticker_ids !== undefined) problems.push('sticker_ids: not allowed with IS_COMPONENTS_V2');
	if (body.poll !== undefined) problems.push('poll: not allowed with IS_COMPONENTS_V2');
	if (components.length === 0 && body.components !== undefined) problems.push('components: a V2 message needs at least one component');
	if (components.length > componentsV2Rules.topLevel) problems.push(`components: ${components.length} top-level components, at most ${componentsV2Rules.topLevel}`);
	const tally = { components: 0, text: 0 };
	components.forEach((component, index) => {
		const path = `components[${index}]`;
		if (!topLevelTypes.has(Number(component.type))) problems.push(`${path}: type ${String(component.type)} cannot stand at the top level`);
		checkComponent(component, path, tally, problems);
	});
	if (tally.components > componentsV2Rules.components) problems.push(`components: ${tally.components} components in all, at most ${componentsV2Rules.components}`);
	if (tally.text > componentsV2Rules.text) problems.push(`components: ${tally.text} characters of text displays, at most ${componentsV2Rules.text}`);
	return problems;
}

function checkComponent(component: Json, path: string, tally: { components: number; text: number }, problems: string[]): void {
	tally.components += 1;
	const children = Array.isArray(component.components) ? (component.components as Json[]) : [];
	switch (component.type) {
		case type.container:
			if (children.length === 0 || children.length > componentsV2Rules.containerChildren) problems.push(`${path}: a container holds 1 to ${componentsV2Rules.containerChildren} components, not ${children.length}`);
			if (component.accent_color !== undefined && component.accent_color !== null && (typeof component.accent_color !== 'number' || component.accent_color < 0 || component.accent_color > 0xffffff)) problems.push(`${path}.accent_color: not an RGB colour`);
			children.forEach((child, index) => {
				if (!containerChildTypes.has(Number(child.type))) problems.push(`${path}.components[${index}]: type ${String(child.type)} cannot be in a container`);
				checkComponent(child, `${path}.components[${index}]`, tally, problems);
			});
			return;
		case type.section: {
			if (children.length === 0 || children.length > componentsV2Rules.sectionTexts) problems.push(`${path}: a section holds 1 to ${componentsV2Rules.sectionTexts} text displays`);
			children.forEach((child, index) => {
				if (child.type !== type.textDisplay) problems.push(`${path}.components[${index}]: a section holds only text displays`);
				checkComponent(child, `${path}.components[${index}]`, tally, problems);
			});
			const accessory = component.accessory as Json | undefined;
			if (!accessory || (accessory.type !== type.button && accessory.type !== type.thumbnail)) problems.push(`${path}.accessory: a section needs a button or a thumbnail`);
			else checkComponent(accessory, `${path}.accessory`, tally, problems);
			return;
		}
		case type.textDisplay: {
			const content = typeof component.content === 'string' ? component.content : '';
			if (content.trim() === '') problems.push(`${path}.content: empty`);
			tally.text += content.length;
			return;
		}
		case type.actionRow: {
			const buttons = children.filter((child) => child.type === type.button);
			const menus = children.filter((child) => selects.has(Number(child.type)));
			if (children.length === 0 || buttons.length > componentsV2Rules.buttonsPerRow || (menus.length > 0 && children.length > 1) || buttons.length + menus.length !== children.length) {
				problems.push(`${path}: an action row holds 1 to ${componentsV2Rules.buttonsPerRow} buttons or one select menu`);
			}
			children.forEach((child, index) => checkComponent(child, `${path}.components[${index}]`, tally, problems));
			return;
		}
		case type.button:
			checkButton(component, path, problems);
			return;
		case type.thumbnail:
			if (typeof (component.media as Json | undefined)?.url !== 'string') problems.push(`${path}.media.url: required`);
			return;
		case type.separator:
			if (component.spacing !== undefined && component.spacing !== 1 && component.spacing !== 2) problems.push(`${path}.spacing: 1 or 2`);
			return;
		default:
			return;
	}
}

function checkButton(button: Json, path: string, problems: string[]): void {
	const label = typeof button.label === 'string' ? button.label : '';
	if (label.length > componentsV2Rules.buttonLabel) problems.push(`${path}.label: longer than ${componentsV2Rules.buttonLabel}`);
	if (button.style === 5) {
		if (typeof button.url !== 'string' || button.custom_id !== undefined) problems.push(`${path}: a link button has a url and no custom_id`);
		return;
	}
	const customId = typeof button.custom_id === 'string' ? button.custom_id : '';
	if (customId === '' || customId.length > componentsV2Rules.customId) problems.push(`${path}.custom_id: 1 to ${componentsV2Rules.customId} characters`);
}
