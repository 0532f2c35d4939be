import type { AdapterDeps, RunningAdapter } from '../adapter.js';

/** Starts the Discord adapter. */
export async function startDiscordAdapter(deps: AdapterDeps): Promise<RunningAdapter> {
	deps.log.error('the discord adapter is not built yet');
	return { name: 'discord', stop: async () => {} };
}
