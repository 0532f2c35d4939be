import { distance } from 'fastest-levenshtein';

export interface ClosestMatchOptions {
	/** How many to return, best first. */
	readonly limit?: number;
	/** Other spellings a candidate answers to (a zone's city: "Berlin" for "Europe/Berlin"); compared lower-cased. */
	readonly aliases?: (candidate: string) => readonly string[];
}

/**
 * Known names close enough to what was typed to be a plausible typo of it (edit distance, or one
 * being the start of the other), best first. Shared by unknown commands and unknown time zones,
 * so both forgive the same slips.
 */
export function closestMatches(typed: string, candidates: Iterable<string>, options: ClosestMatchOptions = {}): string[] {
	const wanted = typed.toLowerCase().slice(0, 40);
	const threshold = Math.max(2, Math.floor(wanted.length / 3));
	const scored: { name: string; score: number }[] = [];
	for (const candidate of candidates) {
		let best = Number.POSITIVE_INFINITY;
		for (const spelling of [candidate, ...(options.aliases?.(candidate) ?? [])]) {
			const name = spelling.toLowerCase();
			best = Math.min(best, name.startsWith(wanted) || wanted.startsWith(name) ? 0.5 : distance(wanted, name));
		}
		if (best <= threshold) scored.push({ name: candidate, score: best });
	}
	// A stable sort keeps the candidates' own order among equal scores.
	return scored.sort((a, b) => a.score - b.score).slice(0, options.limit ?? 1).map((entry) => entry.name);
}
