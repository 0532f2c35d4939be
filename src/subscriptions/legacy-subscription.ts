/** End reasons stored in a platform's words, before they were said as what the bot can do about them. */
const legacyEndReasons: Readonly<Record<string, string>> = {
	blocked: 'reader-left',
	deactivated: 'reader-left',
	kicked: 'access-lost',
	'missing-access': 'access-lost',
	removed: 'access-lost',
	'chat-not-found': 'chat-gone',
	'channel-deleted': 'chat-gone',
};

/**
 * Subscriptions stored before the core lost Discord's words say `kind: 'guild-channel'` and
 * `guildId`. They are read under the neutral names (`community-channel`, `communityId`), so no
 * migration has to run before a deploy, and the next write of the record stores only those.
 * An ended one's reason in a platform's words is read as its neutral reason the same way.
 */
export function readLegacySubscription(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const { guildId, ...record } = value as Record<string, unknown>;
	if (record['kind'] === 'guild-channel') record['kind'] = 'community-channel';
	if (typeof guildId === 'string' && record['communityId'] === undefined) record['communityId'] = guildId;
	const endReason = record['endReason'];
	if (typeof endReason === 'string' && legacyEndReasons[endReason]) record['endReason'] = legacyEndReasons[endReason];
	return record;
}
