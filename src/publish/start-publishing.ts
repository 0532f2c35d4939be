import { mkdir } from 'node:fs/promises';
import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Archive } from '../archive/archive.js';
import { latestBroadcastSummary, type LatestBroadcastSummary } from '../delivery/broadcast-status.js';
import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { Coordination } from '../sync/coordination.js';
import { createBroadcastPlanner, type BroadcastPlanner, type SubscriberPublications } from './broadcast-planner.js';
import type { DeliveryEngine, Transports } from './delivery-engine.js';
import { startDigestWatcher, type DigestWatcher } from '../ingest/digest-watcher.js';

/**
 * What publishing is handed, all of it built by the composition root: the archive loaded with
 * the start-up scan of DIGEST_DIR done, and the delivery engine on the backend the root chose.
 * Publishing opens no server and no connection; the transports come later, from the adapters
 * (`deliverThrough`).
 */
export interface PublishingDeps {
	readonly engine: DeliveryEngine;
	readonly archive: Archive;
	readonly subscriptions: SubscriptionStore;
	/** Which publication subscriptions made before publications follow; without it every subscriber gets every issue. */
	readonly publications?: SubscriberPublications;
	/** Where the planner remembers what it has planned. */
	readonly keyv: Keyv;
	readonly log: Logger;
	/** DIGEST_DIR, watched for new files. */
	readonly digestDir: string;
	/** On Redis: who of several instances watches DIGEST_DIR. */
	readonly coordination?: Coordination;
	/** Plan broadcasts of new issues (default true); a `--role worker` process only delivers. */
	readonly plan?: boolean;
	/** Run the delivery worker (default true); a `--role web` process leaves it to the workers. */
	readonly deliver?: boolean;
	/** Watch DIGEST_DIR for new files (default true). */
	readonly watch?: boolean;
}

export interface RunningPublishing {
	readonly queue: BroadcastQueue;
	readonly engine: DeliveryEngine;
	readonly planner: BroadcastPlanner;
	/** For `CommandContext.broadcastStatus` (`/status`) and `/health`. */
	broadcastStatus(): Promise<LatestBroadcastSummary | undefined>;
	/**
	 * Starts delivering through the adapters' transports, once they run. Until then (and with
	 * none, or in a `--role web` process) broadcasts wait in the durable queue.
	 */
	deliverThrough(transports: Transports): void;
	/** Stops watching and planning, then the delivery worker. */
	stop(): Promise<void>;
}

/**
 * Everything issue 5 runs besides the adapters, in the order that keeps the promises: the
 * engine's queue is open already; the planner then queues what arrived while the bot was down
 * (or, on the first start ever, marks the backlog as seen), and only then does the live source
 * open: the watcher of DIGEST_DIR. The composition root opens the other live sources (feeds,
 * `POST /issues`) after this returns, so they too find the planner listening. It runs before the
 * adapters, which need `/status` from it; they then hand their transports to `deliverThrough`,
 * and the worker finishes what a crash cut short and sends what the planner queued.
 */
export async function startPublishing(deps: PublishingDeps): Promise<RunningPublishing> {
	const { engine, archive, subscriptions, keyv, log } = deps;
	const { queue } = engine;
	const planner = createBroadcastPlanner({ archive, queue, subscriptions, keyv, log, publications: deps.publications, onQueued: () => engine.wake(), corrections: engine.corrections, ...(engine.merges ? { merges: engine.merges } : {}) });
	let stopListening = (): void => undefined;
	if (deps.plan !== false) {
		await planner.reconcile();
		stopListening = planner.listen();
	}

	let watcher: DigestWatcher | undefined;
	let stopWatching = async (): Promise<void> => {
		await watcher?.close();
	};
	if (deps.watch !== false) {
		await mkdir(deps.digestDir, { recursive: true });
		const watch = async (): Promise<void> => {
			watcher = await startDigestWatcher({ directory: deps.digestDir, archive, log });
		};
		// With several instances on one Redis, one watches (a lease); the others take over if it dies.
		if (deps.coordination) stopWatching = deps.coordination.whileLeader('digest-watcher', watch, () => watcher?.close());
		else await watch();
	}

	return {
		queue,
		engine,
		planner,
		broadcastStatus: () => latestBroadcastSummary(queue, engine.corrections.corrections, Date.now(), engine.followUps),
		deliverThrough(transports) {
			if (deps.deliver === false) return;
			if (Object.keys(transports).length > 0) engine.start(transports);
			else log.info('no platform adapter is running: broadcasts stay queued until one is');
		},
		async stop() {
			await stopWatching();
			stopListening();
			await engine.stop();
		},
	};
}
