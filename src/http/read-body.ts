import type { IncomingMessage } from 'node:http';
import { HttpRequestError } from '../errors/http-request-error.js';

/**
 * Reads a request body of at most `maxBytes`. A declared Content-Length over the limit is
 * refused before a byte is read; a body that grows past it while streaming (chunked uploads
 * declare no length) is refused as soon as it does, and the rest is discarded unbuffered.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		request.resume();
		throw tooLarge(maxBytes);
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > maxBytes) {
			request.resume();
			throw tooLarge(maxBytes);
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): HttpRequestError {
	return new HttpRequestError(413, 'too-large', `the body is larger than ${maxBytes} bytes`);
}
