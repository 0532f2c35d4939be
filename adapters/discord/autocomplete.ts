import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { Archive } from '../../src/archive/archive.js';
import type { Command } from '../../src/command/command.js';
import type { PublicationCatalogue } from '../../src/publications/publication-catalogue.js';
import { truncate } from './discord-limits.js';

/** Discord shows at most 25 suggestions and refuses names or values over 100 characters. */
const maxChoices = 25;
const maxChoiceLength = 100;

/** What the user has typed so far, and what else the command line already holds. */
export interface AutocompleteQuery {
	readonly kind: 'story' | 'issue' | 'section' | 'publication';
	readonly typed: string;
	/** The issue the user chose in another option, for story suggestions. */
	readonly issue?: string;
	/** The publication the user chose in another option: stories, issues and sections are then that publication's. */
	readonly publication?: string;
}

/**
 * Suggestions for one query, best first. Pure so it can be tested without Discord. With
 * `publications` (the catalogue commands use) publications are listed by their configured names
 * and order, and while there are several each suggested issue says which publication it is from.
 */
export function suggest(archive: Archive, query: AutocompleteQuery, publications?: PublicationCatalogue): ApplicationCommandOptionChoiceData[] {
	const typed = query.typed.trim().toLowerCase();
	// A publication Discord sent that the archive does not know narrows nothing: the command will say it is unknown.
	const chosen = query.publication !== undefined && archive.publications().has(query.publication) ? query.publication : undefined;
	switch (query.kind) {
		case 'story': {
			const archived = archive.find(query.issue ?? '', chosen) ?? archive.find(query.issue ?? '') ?? archive.latest(chosen);
			const stories = archived?.issue.stories ?? [];
			return stories
				.filter((story) => typed === '' || String(story.number).startsWith(typed.replace('#', '')) || story.title.toLowerCase().includes(typed))
				.slice(0, maxChoices)
				.map((story) => ({ name: truncate(`${story.number}. ${story.title}`, maxChoiceLength), value: story.number }));
		}
		case 'issue': {
			// Numbers are per publication: with several, "#3" alone would not say whose.
			const nameOf = publications?.several() && chosen === undefined ? (slug: string): string => `${publications.nameOf(slug)} · ` : (): string => '';
			return archive
				.list(chosen)
				.filter(({ issue, number }) => typed === '' || (issue.date ?? '').includes(typed) || issue.title.toLowerCase().includes(typed) || String(number) === typed.replace('#', ''))
				.slice(0, maxChoices)
				.map(({ issue, number, publication }) => ({ name: truncate(`${nameOf(publication)}${issue.date ?? 'undated'} — ${issue.title} (#${number})`, maxChoiceLength), value: truncate(issue.id, maxChoiceLength) }));
		}
		case 'publication':
			if (publications) {
				return publications
					.list()
					.filter((publication) => typed === '' || publication.slug.includes(typed) || publication.name.toLowerCase().includes(typed))
					.slice(0, maxChoices)
					.map((publication) => ({ name: truncate(`${publication.name} (${publication.slug})`, maxChoiceLength), value: publication.slug }));
			}
			return [...archive.publications()]
				.filter(([slug, latest]) => typed === '' || slug.includes(typed) || (latest.issue.publication ?? '').toLowerCase().includes(typed))
				.slice(0, maxChoices)
				.map(([slug, latest]) => ({ name: truncate(`${latest.issue.publication ?? slug} (${slug})`, maxChoiceLength), value: slug }));
		case 'section': {
			const sections = archive.latest(chosen)?.issue.sections ?? [];
			return sections
				.filter((section) => typed === '' || section.title.toLowerCase().includes(typed))
				.slice(0, maxChoices)
				.map((section) => ({ name: truncate(section.title, maxChoiceLength), value: truncate(section.title, maxChoiceLength) }));
		}
	}
}

/** Answers an autocomplete interaction from the focused option's declared kind, within the publication chosen in another option. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, command: Command | undefined, archive: Archive, publications?: PublicationCatalogue): Promise<void> {
	const focused = interaction.options.getFocused(true);
	const kind = command?.options.find((option) => option.name === focused.name)?.autocomplete;
	if (!kind) {
		await interaction.respond([]);
		return;
	}
	const issue = focused.name === 'issue' ? undefined : (interaction.options.getString('issue') ?? undefined);
	const publication = focused.name === 'publication' ? undefined : (interaction.options.getString('publication')?.trim().toLowerCase() || undefined);
	await interaction.respond(suggest(archive, { kind, typed: String(focused.value), ...(issue ? { issue } : {}), ...(publication ? { publication } : {}) }, publications));
}
