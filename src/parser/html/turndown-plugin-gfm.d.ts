/** The package ships no types; only the plugin this project uses is declared. */
declare module '@joplin/turndown-plugin-gfm' {
	import type TurndownService from 'turndown';

	/** Tables, strikethrough and task list items, as GitHub-flavoured Markdown. */
	export const gfm: TurndownService.Plugin;
	export const tables: TurndownService.Plugin;
	export const strikethrough: TurndownService.Plugin;
	export const taskListItems: TurndownService.Plugin;
}
