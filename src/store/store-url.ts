/**
 * A store URL as it may appear in a log line or an answer: the password (and a user name that
 * may be a token) replaced, so `redis://:secret@host` is never written anywhere.
 */
export function redactStoreUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		else if (parsed.username) parsed.username = '***';
		return parsed.toString().replace(/\/$/, '');
	} catch {
		// Not a URL we can read (a bare SQLite path): it holds no credentials, but we cannot tell, so name only its scheme.
		return url.includes('@') ? `${url.split(':')[0] ?? 'store'}://***` : url;
	}
}
