/**
 * Socket-level failures that simply mean "the store is not there right now": a refused or
 * reset connection, a closed socket, a client that is offline. They are an outage, which
 * store-health.ts reports once; any other error is a bug or a misconfiguration and keeps its stack.
 */
const expectedCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const expectedMessages = [/socket closed unexpectedly/i, /client is offline/i, /client is closed/i, /connection is closed/i, /connection timeout/i, /max retries per request/i, /stream isn't writeable/i];

/** True when the error (or its cause) is a dropped or refused connection rather than a failing command. */
export function isExpectedDisconnect(error: unknown): boolean {
	for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && expectedCodes.has(code)) return true;
		if (expectedMessages.some((pattern) => pattern.test(current instanceof Error ? current.message : ''))) return true;
		if (current instanceof AggregateError && current.errors.some((inner) => isExpectedDisconnect(inner))) return true;
	}
	return false;
}

/** The one-line description of a connection error for a log line (no stack: the stack of a refused socket says nothing). */
export function describeConnectionError(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return describeConnectionError(error.errors[0]);
	if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
	return String(error);
}
