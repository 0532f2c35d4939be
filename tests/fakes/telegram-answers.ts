import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the fake Bot API answers: Telegram's envelope, with the parameters errors may carry. */
export type Answer =
	| { ok: true; result: unknown }
	| { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };

/** A refusal the way Telegram words it ("Bad Request: chat not found"). */
export const bad = (description: string, errorCode = 400): Answer => ({ ok: false, error_code: errorCode, description });

/** Telegram's description for an injected fault that did not name one. */
export function defaultDescription(status: number, retryAfter: number): string {
	if (status === 429) return `Too Many Requests: retry after ${retryAfter}`;
	if (status === 403) return 'Forbidden: bot was blocked by the user';
	if (status >= 500) return 'Internal Server Error';
	return 'Bad Request';
}

/** Parameters from the query string and a JSON or form body, as the Bot API accepts them. */
export async function readParams(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const body = Buffer.concat(chunks).toString('utf8');
	const query = Object.fromEntries(new URL(request.url ?? '/', 'http://fake').searchParams);
	if (body === '') return query;
	if ((request.headers['content-type'] ?? '').includes('application/json')) return { ...query, ...(JSON.parse(body) as Record<string, unknown>) };
	return { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
}

export function respond(response: ServerResponse, answer: Answer): void {
	if (response.destroyed) return;
	response.writeHead(answer.ok ? 200 : answer.error_code, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
}
