import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries the expected bearer token. Both sides are hashed
 * first so `timingSafeEqual` compares equal lengths: neither the token's content nor its length
 * leaks through response timing.
 */
export function hasBearerToken(header: string | undefined, expected: string): boolean {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	const given = match?.[1] ?? '';
	return secretsEqual(given, expected) && given !== '';
}

/** Compares a presented secret with the expected one in constant time, whatever their lengths. */
export function secretsEqual(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value).digest();
}
