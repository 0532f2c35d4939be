import { afterEach, describe, expect, it } from 'vitest';
import { Archive } from '../../src/archive/archive.js';
import { createMemoryIssueStore } from '../../src/archive/issue-store.js';
import { createHealthRoute } from '../../src/http/health-route.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createPublishRoute } from '../../src/http/publish-route.js';
import { ingestDigest } from '../../src/ingest/ingest.js';
import { sampleDigest } from '../delivery/delivery-harness.js';

const token = 'publish-token-for-tests-0123456789';
let running: HttpServer | undefined;

afterEach(async () => {
	await running?.close();
	running = undefined;
});

async function startServer(options: { token?: string; maxBytes?: number } = {}): Promise<{ base: string; archive: Archive }> {
	const archive = new Archive(createMemoryIssueStore());
	running = createHttpServer({
		routes: [
			createHealthRoute(() => ({ issues: archive.size }), token),
			createPublishRoute({ token: 'token' in options ? options.token : token, maxBytes: options.maxBytes ?? 64 * 1024, ingest: (bytes, source) => ingestDigest(archive, bytes, source) }),
		],
	});
	const port = await running.listen(0, '127.0.0.1');
	return { base: `http://127.0.0.1:${port}`, archive };
}

const post = (base: string, body: string, authorization?: string, query = ''): Promise<Response> =>
	fetch(`${base}/issues${query}`, { method: 'POST', body, headers: { 'Content-Type': 'text/markdown', ...(authorization ? { Authorization: authorization } : {}) } });

describe('when a digest is posted to /issues', () => {
	it('then a request without a token is refused with 401 and nothing is archived', async () => {
		const { base, archive } = await startServer();
		const response = await post(base, sampleDigest());
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer');
		expect(archive.size).toBe(0);
	});

	it('then a wrong token, or the right one without "Bearer", is refused with 401', async () => {
		const { base, archive } = await startServer();
		expect((await post(base, sampleDigest(), `Bearer ${token}x`)).status).toBe(401);
		expect((await post(base, sampleDigest(), 'Bearer short')).status).toBe(401);
		expect((await post(base, sampleDigest(), token)).status).toBe(401);
		expect(archive.size).toBe(0);
	});

	it('then the right token archives the issue (201), and posting it again answers 200 "unchanged"', async () => {
		const { base, archive } = await startServer();
		const first = await post(base, sampleDigest('2026-05-01'), `Bearer ${token}`, '?file=may-1.md');
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ outcome: 'added', issueId: '2026-05-01' });
		const again = await post(base, sampleDigest('2026-05-01'), `Bearer ${token}`, '?file=may-1.md');
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ outcome: 'unchanged' });
		expect(archive.size).toBe(1);
	});

	it('then a body over the limit is refused with 413', async () => {
		const { base, archive } = await startServer({ maxBytes: 2048 });
		const response = await post(base, `${sampleDigest()}\n${'padding '.repeat(1000)}`, `Bearer ${token}`);
		expect(response.status).toBe(413);
		expect(await response.json()).toMatchObject({ error: 'too-large' });
		expect(archive.size).toBe(0);
	});

	it('then a body that is not a digest is refused with 422 and the parser\'s reason', async () => {
		const { base } = await startServer();
		const response = await post(base, '{"title": "json is not a digest"}', `Bearer ${token}`);
		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({ error: 'invalid-digest', message: expect.stringContaining('JSON') });
	});

	it('then without a configured token the endpoint is off (503), whatever the request carries', async () => {
		const { base } = await startServer({ token: undefined });
		expect((await post(base, sampleDigest(), 'Bearer anything-at-all-here')).status).toBe(503);
	});
});

describe('when other paths are requested', () => {
	it('then /health answers 200 to anyone but shows details only with the token, an unknown path 404 and a wrong method 405', async () => {
		const { base } = await startServer();
		const health = await fetch(`${base}/health`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		expect(await (await fetch(`${base}/health`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).json()).toEqual({ status: 'ok' });
		expect(await (await fetch(`${base}/health`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ status: 'ok', issues: 0 });
		expect((await fetch(`${base}/nope`)).status).toBe(404);
		expect((await fetch(`${base}/issues`)).status).toBe(405);
	});
});
