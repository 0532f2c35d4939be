import { createServer } from 'node:net';

/** A port of 127.0.0.1 that was free a moment ago, for a server the test cannot ask for port 0. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return typeof address === 'object' && address ? address.port : 0;
}
