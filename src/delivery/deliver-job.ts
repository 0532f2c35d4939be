import type { Logger } from 'pino';
import type { ArchivedIssue } from '../archive/archive.js';
import type { Block } from '../content/block.js';
import type { SubscriptionStore } from '../subscriptions/subscription-store.js';
import type { Subscription } from '../subscriptions/subscription.js';
import type { FinalJobState, JobToDeliver } from './delivery-job.js';
import type { RetryCause } from './delivery-queue.js';
import type { DeliveryTransport, SentPost } from './delivery-transport.js';
import { translatorFor } from '../i18n/translator.js';
import { issueContent, type PublicationName } from '../present/issue-content.js';
import type { MergeSlots } from './slots/merge-slots.js';
import { finishSlot, loadSlotIssues, mergedIssuesContent, planSlot, type SlotPlan } from './slots/merged-issues.js';
import { broadcastTargetOf, type BroadcastTarget } from './corrections/correction-id.js';
import { sendOrCorrect, type CorrectionStepDeps } from './corrections/deliver-correction.js';
import type { RateReserver } from './rate-reserver.js';
import { runFollowUp } from './post-follow-up.js';
import type { WaitingFollowUps } from './waiting-follow-ups.js';
import { decideRetry, type RetryPolicyOptions } from './retry-policy.js';

/** What became of one job: the engine records it (a final state, or back to the queue due at `at`). */
export type JobOutcome =
	| { readonly kind: 'final'; readonly state: FinalJobState; readonly error?: string }
	| { readonly kind: 'retry'; readonly at: number; readonly cause: RetryCause; readonly error?: string };

export interface DeliverStepDeps {
	readonly subscriptions: Pick<SubscriptionStore, 'get' | 'end'>;
	/** One transport per platform; jobs for a platform without one wait for a run that has it. */
	readonly transports: Partial<Record<Subscription['platform'], DeliveryTransport>>;
	/** The archived issue by exact id (not by number or date); on Redis it may reload the archive first. */
	readonly findIssue: (issueId: string) => ArchivedIssue | undefined | Promise<ArchivedIssue | undefined>;
	readonly limiter: RateReserver;
	readonly policy: RetryPolicyOptions;
	readonly contentFor: (archived: ArchivedIssue, subscription: Subscription) => readonly Block[];
	/**
	 * The name a post gives its issue's publication (the catalogue's, when the bot serves several);
	 * undefined names none, so with one publication posts are as they always were. The engines
	 * build `contentFor` with it; corrections name it too.
	 */
	readonly publicationName?: PublicationName;
	readonly now: () => number;
	readonly log?: Logger;
	/** Told of each post the platform accepted (reader memory for `/since`); a failure here is logged, never retried. */
	readonly onDelivered?: (subscription: Subscription, issue: ArchivedIssue) => Promise<void>;
	/** Where issues waiting for the same hour are gathered into one post; without it each posts alone. */
	readonly merges?: MergeSlots;
	/** Posted-message ids and corrections (deliver-correction.ts); without it posts are not remembered and corrections cannot run. */
	readonly corrections?: CorrectionStepDeps;
	/** Posts out whose follow-up (a crosspost) waits for its window; without it a follow-up is waited for in place. */
	readonly followUps?: WaitingFollowUps;
}

/** How long a job waits before looking again for its platform's adapter. */
const missingTransportDelayMs = 10 * 60_000;

/** How often a job carried by another's post looks whether that post is final (it retries like any post). */
const carriedWaitMs = 5_000;

/** Hops followed from a migrated subscription to its replacement. */
const maxMoves = 3;

/**
 * "Deliver one job → outcome", the step both delivery engines drive. It touches no queue: it
 * reads the subscription, waits for the rate limits, sends, and says what the engine must
 * record. Keeping the queue out is what lets the embedded keyv loop and BullMQ's worker share
 * every rule about who is posted to, when and what a failure leads to.
 */
export async function deliverJob(job: JobToDeliver, stored: Subscription | undefined, deps: DeliverStepDeps): Promise<JobOutcome> {
	const { transports, now, log } = deps;
	const subscription = await resolveSubscription(stored, deps.subscriptions);
	if (!subscription) {
		log?.debug({ issue: job.issueId, subscription: job.subscriptionId }, 'subscriber left before their turn');
		return { kind: 'final', state: 'unsubscribed' };
	}
	const transport = transports[subscription.platform];
	if (!transport) {
		// The platform is not configured in this run (a token left out for a while): keep the
		// job for a run that has it instead of failing a subscriber who did nothing wrong.
		log?.debug({ issue: job.issueId, subscription: subscription.id }, 'delivery waits for its platform');
		return { kind: 'retry', at: now() + missingTransportDelayMs, cause: 'paced', error: `no ${subscription.platform} adapter is running` };
	}
	// A correction's broadcast id names the issue and its revision (correction-id.ts); only first posts wait for a subscriber's hour.
	const target = broadcastTargetOf(job.issueId);
	const plan = await planSlot(job, job.subscriptionId, deps.merges);
	if (plan.kind === 'carried') return { kind: 'final', state: 'delivered' };
	// The post carrying this issue is still being sent: look again once it may be final.
	if (plan.kind === 'waiting') return { kind: 'retry', at: now() + carriedWaitMs, cause: 'paced' };
	const outcome = await postPlanned(job, subscription, transport, target, plan, deps);
	if (outcome.kind === 'final') await finishSlot(job, plan, deps.merges, outcome.state === 'delivered' ? 'delivered' : 'failed');
	return outcome;
}

/** Sends what the job's slot plan says: its own issue, or its issue with the slot's others as one post. */
async function postPlanned(job: JobToDeliver, subscription: Subscription, transport: DeliveryTransport, target: BroadcastTarget, plan: Extract<SlotPlan, { kind: 'post' }>, deps: DeliverStepDeps): Promise<JobOutcome> {
	const { findIssue, limiter, now, log } = deps;
	const archived = await findIssue(target.issueId);
	if (!archived) {
		const reason = 'the issue is no longer in the archive';
		log?.warn({ issue: job.issueId, subscription: subscription.id, reason }, 'delivery failed');
		return { kind: 'final', state: 'failed', error: reason };
	}
	const issues = await loadSlotIssues({ archived, subscription }, plan, findIssue, async (id) => resolveSubscription(await deps.subscriptions.get(id), deps.subscriptions));
	// A post already out whose follow-up waited: this run makes only the follow-up, so it takes no message slot.
	const followUp = target.kind === 'post' ? transport.followUp : undefined;
	const held = followUp ? await deps.followUps?.held(job.id) : undefined;
	if (!held) {
		const slot = await waitForSlot(limiter, subscription, true);
		if (!slot.ok) return { kind: 'retry', at: now() + slot.wait, cause: 'paced' };
	}
	const delivery = {
		jobId: job.id,
		issueId: target.issueId,
		subscription,
		attempt: job.failures + job.rateLimited + 1,
		pace: async () => {
			await limiter.restartChatSpacing?.(subscription);
			await waitForSlot(limiter, subscription, false);
		},
	};
	let sent: SentPost | undefined = held;
	try {
		// A post carrying several issues keeps no message ids: a later correction of one of them
		// must not edit the others away, so it falls back to a correction post.
		const corrections = issues.length > 1 ? undefined : deps.corrections;
		sent ??= await sendOrCorrect(transport, delivery, mergedIssuesContent(issues, subscription, deps.contentFor), archived, target, corrections, log, deps.publicationName?.(archived));
		if (followUp && sent) {
			const wait = await runFollowUp(followUp, delivery, sent, { limiter, ...(deps.followUps ? { waiting: deps.followUps } : {}), ...(log ? { log } : {}) });
			if (wait > 0) return { kind: 'retry', at: now() + wait, cause: 'paced', error: `its ${followUp.limit} waits for the limit's window` };
		}
	} catch (error) {
		const outcome = await failureOutcome(job, subscription, error, deps);
		if (!followUp || !sent || outcome.kind !== 'final') return outcome;
		// The post is out and only its follow-up failed for good: it stops waiting, and the post counts as delivered.
		await deps.followUps?.release(job.id).catch((caught: unknown) => log?.warn({ err: caught, subscription: subscription.id }, 'waiting follow-up not released'));
		return outcome.state === 'failed' ? { kind: 'final', state: 'delivered', ...(outcome.error ? { error: outcome.error } : {}) } : outcome;
	}
	if (target.kind === 'post') {
		// Each issue is told with the subscription it went out in: another publication the chat follows is its own subscription.
		for (const { archived: issue, subscription: its } of issues) await deps.onDelivered?.(its, issue).catch((error: unknown) => log?.warn({ err: error, subscription: its.id }, 'after-delivery hook failed'));
		// Each issue of a merged post is marked received with no editable messages: a correction
		// of one of them then reaches this reader as a correction post (an edit finds nothing to map).
		if (issues.length > 1 && deps.corrections) {
			for (const { archived: issue, subscription: its } of issues) await deps.corrections.posted.save(issue.issue.id, its.id, { chatId: subscription.chatId, messages: [] }).catch((error: unknown) => log?.warn({ err: error, subscription: its.id }, 'merged post not recorded for corrections'));
		}
	}
	return { kind: 'final', state: 'delivered' };
}

/** Follows a migrated chat to where it moved; only an active subscription is posted to. */
async function resolveSubscription(stored: Subscription | undefined, subscriptions: DeliverStepDeps['subscriptions']): Promise<Subscription | undefined> {
	let subscription = stored;
	for (let hop = 0; hop < maxMoves && subscription?.status === 'ended' && subscription.movedTo; hop += 1) subscription = await subscriptions.get(subscription.movedTo);
	return subscription?.status === 'active' ? subscription : undefined;
}

/** Waits out the platform-wide limit; returns false when the chat itself is limited. */
async function waitForSlot(limiter: RateReserver, subscription: Subscription, deferChat: boolean): Promise<{ ok: true } | { ok: false; wait: number }> {
	for (;;) {
		const reservation = await limiter.reserve(subscription);
		if (reservation.wait === 0) return { ok: true };
		if (reservation.scope === 'chat' && deferChat) return { ok: false, wait: reservation.wait };
		await new Promise((resolve) => setTimeout(resolve, reservation.wait));
	}
}

async function failureOutcome(job: JobToDeliver, subscription: Subscription, error: unknown, deps: DeliverStepDeps): Promise<JobOutcome> {
	const message = error instanceof Error ? error.message : String(error);
	const decision = decideRetry(error, job, deps.policy);
	const context = { issue: job.issueId, subscription: subscription.id, error: message };
	switch (decision.action) {
		case 'retry':
			deps.log?.debug({ ...context, cause: decision.cause, delayMs: decision.delayMs }, 'delivery retried');
			return { kind: 'retry', at: deps.now() + decision.delayMs, cause: decision.cause, error: message };
		case 'end-subscription':
			await deps.subscriptions.end(subscription.id, decision.reason);
			deps.log?.info({ ...context, reason: decision.reason }, 'subscription ended: the chat is gone');
			return { kind: 'final', state: 'unsubscribed', error: message };
		case 'fail':
			deps.log?.warn(context, 'delivery failed');
			return { kind: 'final', state: 'failed', error: message };
	}
}

/**
 * One rendering per issue, format, section filter, language and publication name: every
 * subscriber of a format gets the same array, which also lets transports cache their own
 * rendering by identity. `publicationName` (see {@link DeliverStepDeps}) heads each post with
 * the issue's publication when there are several.
 */
export function createContentCache(publicationName?: PublicationName): DeliverStepDeps['contentFor'] {
	// Keyed by the issue object, not its id: a republished issue is a new object, so a correction
	// renders the new content rather than the cached old one.
	const cache = new WeakMap<object, Map<string, Block[]>>();
	return (archived, subscription) => {
		const t = translatorFor(subscription.locale);
		const issue = archived.issue;
		let renderings = cache.get(issue);
		if (!renderings) cache.set(issue, (renderings = new Map()));
		const name = publicationName?.(archived);
		const key = JSON.stringify([subscription.format, subscription.sections ?? [], t.locale, name ?? null]);
		let blocks = renderings.get(key);
		if (!blocks) {
			if (renderings.size > 100) renderings.clear();
			blocks = issueContent(archived, subscription.format, subscription.sections, t, name);
			renderings.set(key, blocks);
		}
		return blocks;
	};
}
