import type { ServerResponse } from 'node:http';

/** Answers with a JSON body. `Connection: close` after an error, so an unread request body cannot be taken for the next request. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.setHeader('Content-Length', Buffer.byteLength(text));
	if (status >= 400) response.setHeader('Connection', 'close');
	response.end(text);
}
