import { createHash } from 'node:crypto';

/**
 * A short fingerprint of content as JSON: what corrections compare to tell whether a story or a
 * posted message changed. 64 bits of SHA-256 are plenty to tell revisions of one issue apart.
 */
export function contentDigest(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
