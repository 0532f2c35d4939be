import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * A redis-server of the test's own, on a free port, so stopping it disturbs nobody else's tests
 * (the one on 6379 is shared). No background saves or append-only file; `stop` saves one
 * snapshot into its temporary folder, as a planned restart of a production Redis keeps its data.
 */
export interface OwnRedis {
	readonly url: string;
	/** Saves a snapshot and shuts the server down. */
	stop(): Promise<void>;
	/** Starts it again on the same port from the snapshot. */
	start(): Promise<void>;
	/** `kill -9`: no save, no goodbye to the clients; what survives is what the append-only file holds. */
	crash(): Promise<void>;
	/** Stops it for good and removes its folder. */
	dispose(): Promise<void>;
}

/** A port nobody listens on at the moment of asking. */
export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (!address || typeof address === 'string') throw new Error('no free port');
	return address.port;
}

export interface OwnRedisOptions {
	/** Persist as production should (`appendonly yes`, `appendfsync everysec`), so a `crash` loses nothing acknowledged. */
	readonly appendOnly?: boolean;
}

export async function startOwnRedis(options: OwnRedisOptions = {}): Promise<OwnRedis> {
	const port = await freePort();
	const dir = await mkdtemp(join(tmpdir(), 'digestbot-redis-'));
	const url = `redis://127.0.0.1:${port}`;
	let server: ChildProcess | undefined;
	const start = async (): Promise<void> => {
		server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']), '--dir', dir, '--dbfilename', 'test.rdb'], { stdio: 'ignore' });
		const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 1 });
		probe.on('error', () => undefined);
		for (let attempt = 0; attempt < 100; attempt += 1) {
			try {
				await probe.connect();
				await probe.ping();
				break;
			} catch {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		}
		probe.disconnect();
	};
	const stop = async (): Promise<void> => {
		const running = server;
		if (!running || running.exitCode !== null || running.signalCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		const admin = new Redis(url, { maxRetriesPerRequest: 1 });
		admin.on('error', () => undefined);
		await admin.call('SHUTDOWN', 'SAVE').catch(() => undefined);
		admin.disconnect();
		await exited;
	};
	const crash = async (): Promise<void> => {
		const running = server;
		if (!running || running.exitCode !== null || running.signalCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGKILL');
		await exited;
	};
	await start();
	return {
		url,
		stop,
		start,
		crash,
		async dispose() {
			await stop();
			await rm(dir, { recursive: true, force: true });
		},
	};
}
