import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Archive, ArchivedIssue } from '../archive/archive.js';

export interface IssueSync {
	/** The issue by id, reading the archive again when this instance has not seen it yet. */
	find(issueId: string): Promise<ArchivedIssue | undefined>;
	/** Stops listening and announcing; the connections stay open for their owner to close. */
	close(): Promise<void>;
}

/**
 * The two connections the sync needs, opened (and closed) by the composition root. The
 * subscriber is its own: a connection in subscribe mode can send nothing else.
 */
export interface IssueSyncConnections {
	readonly publisher: Redis;
	readonly subscriber: Redis;
}

/**
 * Keeps every instance's in-memory archive current on Redis: an issue stored by one instance
 * (POST /issues, the DIGEST_DIR watcher) is announced on a pub/sub channel, and every other
 * instance reads the archive again at once, so `/latest` on any web instance shows it within
 * a second and a worker finds the issue it is asked to post. A message lost while the
 * connection was down is made up for by `find`, which reads again when an id is unknown.
 */
export async function startIssueSync(redis: IssueSyncConnections, prefix: string, archive: Archive, log?: Logger): Promise<IssueSync> {
	const { publisher, subscriber } = redis;
	const channel = `${prefix}:issues`;
	const self = randomUUID();
	let reloading: Promise<void> | undefined;
	const reload = (): Promise<void> => {
		reloading ??= archive
			.load()
			.catch((error: unknown) => log?.warn({ err: error }, 'issue sync: reading the archive again failed'))
			.finally(() => (reloading = undefined));
		return reloading;
	};
	const onMessage = (_channel: string, message: string): void => {
		if (!message.startsWith(`${self} `)) void reload();
	};
	subscriber.on('message', onMessage);
	await subscriber.subscribe(channel);
	const stopListening = archive.onIssue((event) => {
		publisher.publish(channel, `${self} ${event.issue.id}`).catch((error: unknown) => log?.warn({ err: error }, 'issue sync: announcing an issue failed'));
	});
	return {
		async find(issueId) {
			const known = archive.get(issueId);
			if (known) return known;
			await reload();
			return archive.get(issueId);
		},
		async close() {
			stopListening();
			subscriber.off('message', onMessage);
		},
	};
}
