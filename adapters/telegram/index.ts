import type { AdapterDeps, RunningAdapter } from '../adapter.js';

/** Starts the Telegram adapter. */
export async function startTelegramAdapter(deps: AdapterDeps): Promise<RunningAdapter> {
	deps.log.error('the telegram adapter is not built yet');
	return { name: 'telegram', stop: async () => {} };
}
