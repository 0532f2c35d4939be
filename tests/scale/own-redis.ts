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
	/**
	 * Keep an append-only file, so a `crash` loses nothing acknowledged. It is fsynced on every write
	 * (`appendfsync always`), not every second as production may: with `everysec`, a disk that stalls
	 * (another job's load on a CI machine) lets Redis postpone writing the file for up to 2 s while it
	 * keeps acknowledging, and a `kill -9` then loses writes the bot was told were kept; what these
	 * tests check is the bot's side of the promise, not the disk's timing.
	 */
	readonly appendOnly?: boolean;
}

export async function startOwnRedis(options: OwnRedisOptions = {}): Promise<OwnRedis> {
	const port = await freePort();
	const dir = await mkdtemp(join(tmpdir(), 'digestbot-redis-'));
	const url = `redis://127.0.0.1:${port}`;
	let server: ChildProcess | undefined;
	const start = async (): Promise<void> => {
		server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']), '--dir', dir, '--dbfilename', 'test.rdb'], { stdio: 'ignore' });
		// A client that keeps retrying every 50 ms and answers the PING once the server listens; a
		// lazily connected one whose first connect failed never connects again, which made every
		// start wait out its whole timeout.
		const probe = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
		probe.on('error', () => undefined);
		const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
		await Promise.race([probe.ping().then(() => undefined), timeout]);
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
