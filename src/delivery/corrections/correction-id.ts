/**
 * A correction rides the delivery engines as a broadcast of its own whose id names the issue and
 * the content revision: `2026-04-01@3f2a…`. That makes every job id stable per (issue, revision,
 * subscription), so publishing the same revision twice is one job, and both engines keep their
 * crash safety, pacing and counts for corrections without knowing about them. Issue ids are
 * dates and slugs (src/parser/slugify.ts) and never contain '@'.
 */
const separator = '@';

/** The broadcast id of the correction that brings subscribers of `issueId` to `revision`. */
export function correctionBroadcastId(issueId: string, revision: string): string {
	return `${issueId}${separator}${revision}`;
}

/** What a broadcast id stands for: a first post of an issue, or a correction to a revision of it. */
export type BroadcastTarget = { readonly kind: 'post'; readonly issueId: string } | { readonly kind: 'correction'; readonly issueId: string; readonly revision: string; readonly broadcastId: string };

export function broadcastTargetOf(broadcastId: string): BroadcastTarget {
	const at = broadcastId.lastIndexOf(separator);
	if (at <= 0) return { kind: 'post', issueId: broadcastId };
	return { kind: 'correction', issueId: broadcastId.slice(0, at), revision: broadcastId.slice(at + 1), broadcastId };
}
