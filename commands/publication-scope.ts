import { z } from 'zod';
import { publicationOptionName, type CommandContext, type CommandOption } from '../src/command/command.js';
import type { Block } from '../src/content/block.js';
import { failure } from '../src/i18n/failures.js';
import type { Translator } from '../src/i18n/translator.js';
import { titleIn } from '../src/present/issue-content.js';
import type { Publication } from '../src/publications/publication.js';

/**
 * The optional publication of `/latest rust`, `/top 5 react`, `/issue rust 3`. Typed text finds
 * it by its slug anywhere among the words (the dispatcher's `takePublication`); Discord offers it
 * as a named option with completions.
 */
export const publicationOption: CommandOption = { name: publicationOptionName, description: "which publication (default: this chat's)", type: 'string', required: false, autocomplete: 'publication', maxLength: 80 };

export const publicationArgument = z.string().trim().max(80, { message: 'argument-too-long-short' }).optional();

/** What a command reads from. */
export interface PublicationScope {
	/** One publication's slug; undefined: all of them, which with one publication is that one. */
	readonly slug?: string;
	/** Set when there are several, so that the answer says which one it is from. */
	readonly publication?: Publication;
}

/** A scope, or what to answer instead: a failure for an unknown name, or a chooser. */
export type ScopeResolution = { readonly scope: PublicationScope } | { readonly answer: readonly Block[] };

/**
 * The publication a command answers about: the one named; else the chat's own (the one it
 * subscribes to); else the only one; else a short chooser whose buttons run the command again
 * with each publication (`again` is the command and its other arguments).
 */
export async function resolvePublicationScope(context: Pick<CommandContext, 'publications' | 'subscriptions' | 'chat'>, named: string | undefined, again: { readonly command: string; readonly args?: readonly string[] }, t: Translator): Promise<ScopeResolution> {
	const catalogue = context.publications;
	const several = catalogue.several();
	if (named) {
		const found = catalogue.find(named);
		if (!found) return { answer: [failure('publication-not-found', { name: named.slice(0, 40), publications: catalogue.list().map((publication) => publication.slug) }, t.locale)] };
		return { scope: { slug: found.slug, ...(several ? { publication: found } : {}) } };
	}
	if (!several) return { scope: {} };
	const own = await chatPublications(context);
	if (own.length === 1) {
		const found = catalogue.find(own[0]!);
		if (found) return { scope: { slug: found.slug, publication: found } };
	}
	const choices = catalogue.list().slice(0, 10);
	return {
		answer: [
			{ type: 'paragraph', spans: t.spans('publication-choose', { command: again.command, example: choices[0]?.slug ?? '' }) },
			{ type: 'actions', actions: choices.map((publication) => ({ label: publication.name, command: again.command, args: [publication.slug, ...(again.args ?? [])] })) },
		],
	};
}

/**
 * The publications this chat subscribes to, by slug (`*` for all of them). A store that cannot
 * answer leaves the reader with the chooser rather than with no answer.
 */
async function chatPublications(context: Pick<CommandContext, 'publications' | 'subscriptions' | 'chat'>): Promise<string[]> {
	const { chat, subscriptions } = context;
	if (!subscriptions || chat.platform === 'console') return [];
	try {
		const active = await subscriptions.listFor({ platform: chat.platform, chatId: chat.id });
		const slugs = new Set(active.filter((subscription) => (subscription.threadId ?? undefined) === chat.threadId).map((subscription) => subscription.publication ?? context.publications.defaultSlug()));
		return slugs.has('*') ? [] : [...slugs];
	} catch {
		return [];
	}
}

/** The line that says which publication an answer is from, when there are several. */
export function publicationLine(scope: PublicationScope): Block {
	return { type: 'paragraph', spans: [{ text: scope.publication?.name ?? scope.slug ?? '', bold: true }] };
}

/**
 * "This Week in Rust: " before a heading's text, when there are several publications to tell
 * apart; a text that already starts with the name (an issue labelled by its masthead) keeps it once.
 */
export function namedIn(scope: PublicationScope, text: string): string {
	return scope.publication ? titleIn(text, scope.publication.name) : text;
}
