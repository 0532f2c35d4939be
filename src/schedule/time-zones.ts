import { closestMatches } from '../text/closest-match.js';

/** Accepted besides the canonical list: what people type for UTC. */
const extraNames = ['UTC', 'GMT', 'Etc/UTC'];

let canonical: readonly string[] | undefined;
let byLowerCase: ReadonlyMap<string, string> | undefined;

/** The runtime's IANA zones ("Europe/Berlin"), from its ICU data. */
function knownZones(): readonly string[] {
	canonical ??= [...new Set([...Intl.supportedValuesOf('timeZone'), ...extraNames])];
	return canonical;
}

/**
 * The zone's name as stored ("europe/berlin" → "Europe/Berlin"), or undefined when the runtime
 * knows no such zone. Old names the canonical list leaves out ("Asia/Calcutta", "US/Eastern")
 * are accepted as `Intl` accepts them; offsets such as "+02:00" are not zones and are refused,
 * since they would not follow daylight-saving time.
 */
export function resolveTimeZone(typed: string): string | undefined {
	const name = typed.trim();
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
	byLowerCase ??= new Map(knownZones().map((zone) => [zone.toLowerCase(), zone]));
	const known = byLowerCase.get(name.toLowerCase());
	if (known) return known;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		return undefined;
	}
}

/** Zones a typo was probably meant to be ("Europe/Berln", or just "Berlin"), best first. */
export function closestTimeZones(typed: string, limit = 3): string[] {
	return closestMatches(typed.trim(), knownZones(), { limit, aliases: (zone) => [zone.slice(zone.lastIndexOf('/') + 1)] });
}
