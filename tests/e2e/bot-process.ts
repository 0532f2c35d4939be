import { spawn, type ChildProcess } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

/** The bot as `npm start` runs it, as one node process so that SIGKILL reaches the bot itself. */
export interface BotProcess {
	readonly child: ChildProcess;
	readonly output: () => string;
	/** Resolves once the bot logged that it is ready. */
	ready(timeoutMs?: number): Promise<void>;
	kill(signal: NodeJS.Signals): Promise<void>;
}

export function startBot(env: Record<string, string>): BotProcess {
	const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/main.ts'], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		child,
		output: () => output,
		async ready(timeoutMs = 20_000) {
			const started = Date.now();
			while (!output.includes('digestbot ready')) {
				if (child.exitCode !== null) throw new Error(`the bot exited early:\n${output}`);
				if (Date.now() - started > timeoutMs) throw new Error(`the bot did not get ready:\n${output}`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		async kill(signal) {
			if (child.exitCode === null) child.kill(signal);
			await exited;
		},
	};
}
