/**
 * Subscriptions stored before the core lost Discord's words say `kind: 'guild-channel'` and
 * `guildId`. They are read under the neutral names (`community-channel`, `communityId`), so no
 * migration has to run before a deploy, and the next write of the record stores only those.
 */
export function readLegacySubscription(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const { guildId, ...record } = value as Record<string, unknown>;
	if (record['kind'] === 'guild-channel') record['kind'] = 'community-channel';
	if (typeof guildId === 'string' && record['communityId'] === undefined) record['communityId'] = guildId;
	return record;
}
