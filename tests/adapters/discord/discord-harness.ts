import { Keyv } from 'keyv';
import { Archive } from '../../../src/archive/archive.js';
import { ingestBytes } from '../../../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../../../src/archive/issue-store.js';
import type { Command } from '../../../src/command/command.js';
import { createAskServiceFromSettings } from '../../../src/ask/ask-from-settings.js';
import { createDispatcher, type DispatcherServices } from '../../../src/command/dispatcher.js';
import { loadConfig } from '../../../src/config/config.js';
import { createKeyvReaderMemory } from '../../../src/readers/reader-memory.js';
import { createLogger } from '../../../src/logger.js';
import type { PublicationCatalogue } from '../../../src/publications/publication-catalogue.js';
import type { SubscriptionStore } from '../../../src/subscriptions/subscription-store.js';
import { commands } from '../../../commands/index.js';
import type { RunningAdapter } from '../../../adapters/adapter.js';
import { startDiscordAdapter, type DiscordAdapterOptions } from '../../../adapters/discord/index.js';
import { buildDigest, type DigestFixture } from '../../builders/digest-builder.js';
import { FakeDiscordServer } from '../../fakes/discord-server.js';

export const fakeToken = 'fake-discord-token.ABCDEFGHIJKLMNOPQRSTUVWX.0123456789';

/** A digest with five top stories (story 3 cites two sources) and a small section. */
export const standardDigest: DigestFixture = {
	title: 'Weekly AI Digest',
	date: '2026-04-01',
	top: [
		{ title: 'Chips get cheaper', why: 'Costs fall.', cites: [1] },
		{ title: 'Models get smaller', why: 'Phones run them.' },
		{ title: 'Open weights ||win|| a_b_c', why: 'Anyone can run them.', text: 'Labs released ||weights|| under 50% licences, see a_b_c.', cites: [1, 2] },
		{ title: 'Robots learn chores', why: 'Homes change.' },
		{ title: 'Rules for agents', why: 'Regulators act.', cites: [2] },
	],
	sections: { Research: [{ title: 'Sparse attention', text: 'a faster kernel.' }] },
	sources: 2,
};

export interface Harness {
	readonly fake: FakeDiscordServer;
	readonly adapter: RunningAdapter;
	readonly archive: Archive;
	stop(): Promise<void>;
}

export interface HarnessOptions {
	readonly digest?: DigestFixture;
	readonly extraCommands?: readonly Command[];
	readonly adapter?: DiscordAdapterOptions;
	readonly guildId?: string;
	readonly subscriptions?: SubscriptionStore;
	/** User ids in ADMIN_IDS. */
	readonly adminIds?: readonly string[];
	/** Runs before the bot connects, so GUILD_CREATE carries what it adds (channels, overwrites). */
	readonly prepare?: (fake: FakeDiscordServer) => void;
	/** More variables for the configuration (LLM_BASE_URL …). */
	readonly env?: Readonly<Record<string, string>>;
	/** The latest broadcast's counts, for /status. */
	readonly broadcastStatus?: DispatcherServices['broadcastStatus'];
	/** The application has User Install enabled (the fake's default: yes). */
	readonly userInstall?: boolean;
	/** An archive the test filled (several publications); absent: one digest ({@link standardDigest} unless `digest`). */
	readonly archive?: Archive;
	/** The publications as the composition root names them (`PUBLICATIONS`); absent: built from the archive. */
	readonly publications?: PublicationCatalogue;
}

/** Starts the fake Discord, fills an archive and starts the real adapter against it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	const fake = await FakeDiscordServer.start({ token: fakeToken, userInstall: options.userInstall });
	options.prepare?.(fake);
	const archive = options.archive ?? new Archive(createKeyvIssueStore(new Keyv()));
	if (!options.archive) await ingestBytes(archive, new TextEncoder().encode(buildDigest(options.digest ?? standardDigest)), 'digest.md');
	const settings = loadConfig({
		DISCORD_TOKEN: fakeToken,
		DISCORD_API_ROOT: fake.apiRoot,
		...(options.guildId ? { DISCORD_GUILD_ID: options.guildId } : {}),
		...(options.adminIds ? { ADMIN_IDS: options.adminIds.join(',') } : {}),
		// The tests written before Components V2 assert content and embeds: they run as DISCORD_COMPONENTS_V2=off, which keeps that output.
		DISCORD_COMPONENTS_V2: 'off',
		...options.env,
	});
	const log = createLogger('silent');
	// /ask as the composition root builds it: through the model when the env names one (LLM_BASE_URL at a fake).
	// As the composition root wires it: commands remember, per reader, the issue they showed (/since).
	const { subscriptions, broadcastStatus } = options;
	const dispatcher = createDispatcher([...commands, ...(options.extraCommands ?? [])], {
		services: { archive, log, ask: createAskServiceFromSettings(settings, archive, log), subscriptions, broadcastStatus, publications: options.publications },
		adminIds: settings.ADMIN_IDS,
		readers: createKeyvReaderMemory(new Keyv(), archive),
	});
	const adapter = await startDiscordAdapter({ settings, archive, dispatcher, log, subscriptions }, { editIntervalMs: 250, firstBlockWaitMs: 500, ...options.adapter });
	return {
		fake,
		adapter,
		archive,
		async stop() {
			await adapter.stop();
			await fake.close();
		},
	};
}
