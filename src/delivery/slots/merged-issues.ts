import type { ArchivedIssue } from '../../archive/archive.js';
import type { Block } from '../../content/block.js';
import { translatorFor } from '../../i18n/translator.js';
import type { Subscription } from '../../subscriptions/subscription.js';
import type { JobToDeliver } from '../delivery-job.js';
import type { MergeSlots, SlotOutcome } from './merge-slots.js';
import type { SlotEntry } from './slot-entry.js';

/**
 * What a scheduled job does with its slot: post (with the slot's other issues), count as
 * delivered by the job that posted, or wait while that post is still being sent. A post's
 * `others` are issue ids; `subscriptionOf` names, for those planned for another subscription of
 * the same chat (another publication it follows), that subscription: absent, they are the job's
 * own. `sharedWith` is set when the job's own issue was also planned for another subscription of
 * the chat (a planner without publications sends every issue to each): that job is carried too,
 * so it must hear how the post ended even when the post carries no other issue.
 */
export type SlotPlan =
	| { readonly kind: 'post'; readonly others: readonly string[]; readonly subscriptionOf?: Readonly<Record<string, string>>; readonly sharedWith?: readonly string[] }
	| { readonly kind: 'carried'; readonly by: string }
	| { readonly kind: 'waiting'; readonly by: string };

/**
 * A job due at a subscription's chosen hour settles its chat's slot (see {@link MergeSlots}). A
 * job without a due hour, or an engine without slots, posts its own issue alone; so does a
 * carried one whose post failed for good. An issue already in the post, for whichever
 * subscription of the chat, is carried: the chat sees each issue once.
 */
export async function planSlot(job: JobToDeliver, subscriptionId: string, merges: MergeSlots | undefined): Promise<SlotPlan> {
	if (job.dueAt === undefined || !merges) return { kind: 'post', others: [] };
	const settled = await merges.settle(subscriptionId, job.dueAt, job.issueId);
	const posting = settled.poster.issueId === job.issueId && settled.poster.subscriptionId === subscriptionId;
	if (!posting) {
		if (!settled.entries.some((entry) => entry.issueId === job.issueId)) return { kind: 'post', others: [] };
		const outcome = await merges.outcome(subscriptionId, job.dueAt);
		if (outcome === 'delivered') return { kind: 'carried', by: settled.poster.issueId };
		if (outcome === 'failed') return { kind: 'post', others: [] };
		return { kind: 'waiting', by: settled.poster.issueId };
	}
	const others = new Map<string, SlotEntry>();
	for (const entry of settled.entries) if (entry.issueId !== job.issueId && !others.has(entry.issueId)) others.set(entry.issueId, entry);
	const elsewhere = [...others.values()].filter((entry) => entry.subscriptionId !== subscriptionId);
	const sharedWith = settled.entries.filter((entry) => entry.issueId === job.issueId && entry.subscriptionId !== subscriptionId).map((entry) => entry.subscriptionId);
	return {
		kind: 'post',
		others: [...others.keys()],
		...(elsewhere.length > 0 ? { subscriptionOf: Object.fromEntries(elsewhere.map((entry) => [entry.issueId, entry.subscriptionId])) } : {}),
		...(sharedWith.length > 0 ? { sharedWith } : {}),
	};
}

/** Tells the slot's carried jobs how its post ended, once it is final (a post carrying nobody else's job has nobody to tell). */
export async function finishSlot(job: JobToDeliver, plan: SlotPlan, merges: MergeSlots | undefined, outcome: SlotOutcome): Promise<void> {
	if (job.dueAt === undefined || !merges || plan.kind !== 'post' || (plan.others.length === 0 && !plan.sharedWith)) return;
	await merges.finish(job.subscriptionId, job.dueAt, outcome);
}

/** One issue of a post and the subscription it goes out in (its format, sections and language). */
export interface PostedIssue {
	readonly archived: ArchivedIssue;
	readonly subscription: Subscription;
}

/**
 * The issues of the post: this job's, then the slot's others that are still in the archive and
 * whose subscription is still active (`subscriptionFor` follows a migrated one; undefined: it
 * ended, and its own job completes as unsubscribed).
 */
export async function loadSlotIssues(
	own: PostedIssue,
	plan: SlotPlan,
	findIssue: (issueId: string) => ArchivedIssue | undefined | Promise<ArchivedIssue | undefined>,
	subscriptionFor: (subscriptionId: string) => Promise<Subscription | undefined>,
): Promise<PostedIssue[]> {
	if (plan.kind !== 'post' || plan.others.length === 0) return [own];
	const subscriptions = new Map<string, Promise<Subscription | undefined>>();
	const others = await Promise.all(
		plan.others.map(async (issueId): Promise<PostedIssue | undefined> => {
			const subscriptionId = plan.subscriptionOf?.[issueId];
			const archived = await findIssue(issueId);
			if (!archived) return undefined;
			if (subscriptionId === undefined) return { archived, subscription: own.subscription };
			let subscription = subscriptions.get(subscriptionId);
			if (!subscription) subscriptions.set(subscriptionId, (subscription = subscriptionFor(subscriptionId)));
			const found = await subscription;
			return found ? { archived, subscription: found } : undefined;
		}),
	);
	return [own, ...others.filter((other): other is PostedIssue => other !== undefined)];
}

/**
 * One post for several issues that waited for the same hour: a heading ("2 new issues") in the
 * posting subscription's language, then each issue as its own subscription's format renders it
 * alone (so each names its own publication), oldest first.
 */
export function mergedIssuesContent(issues: readonly PostedIssue[], posting: Subscription, contentFor: (archived: ArchivedIssue, subscription: Subscription) => readonly Block[]): readonly Block[] {
	if (issues.length === 1) return contentFor(issues[0]!.archived, issues[0]!.subscription);
	const ordered = [...issues].sort((a, b) => (a.archived.issue.date ?? '').localeCompare(b.archived.issue.date ?? '') || a.archived.issue.id.localeCompare(b.archived.issue.id));
	const heading: Block = { type: 'heading', level: 1, spans: [{ text: translatorFor(posting.locale).text('delivery-merged-heading', { count: issues.length }) }] };
	return [heading, ...ordered.flatMap(({ archived, subscription }) => contentFor(archived, subscription))];
}
