import type { ArchivedIssue } from '../../archive/archive.js';
import type { Block } from '../../content/block.js';
import { translatorFor } from '../../i18n/translator.js';
import type { Subscription } from '../../subscriptions/subscription.js';
import type { JobToDeliver } from '../delivery-job.js';
import type { MergeSlots, SlotOutcome } from './merge-slots.js';

/**
 * What a scheduled job does with its slot: post (with the slot's other issues), count as
 * delivered by the job that posted, or wait while that post is still being sent.
 */
export type SlotPlan = { readonly kind: 'post'; readonly others: readonly string[] } | { readonly kind: 'carried'; readonly by: string } | { readonly kind: 'waiting'; readonly by: string };

/**
 * A job due at a subscription's chosen hour settles its slot (see {@link MergeSlots}). A job
 * without a due hour, or an engine without slots, posts its own issue alone; so does a carried
 * one whose post failed for good.
 */
export async function planSlot(job: JobToDeliver, subscriptionId: string, merges: MergeSlots | undefined): Promise<SlotPlan> {
	if (job.dueAt === undefined || !merges) return { kind: 'post', others: [] };
	const settled = await merges.settle(subscriptionId, job.dueAt, job.issueId);
	if (settled.poster !== job.issueId && settled.issues.includes(job.issueId)) {
		const outcome = await merges.outcome(subscriptionId, job.dueAt);
		if (outcome === 'delivered') return { kind: 'carried', by: settled.poster };
		if (outcome === 'failed') return { kind: 'post', others: [] };
		return { kind: 'waiting', by: settled.poster };
	}
	return { kind: 'post', others: settled.poster === job.issueId ? settled.issues.filter((issueId) => issueId !== job.issueId) : [] };
}

/** Tells the slot's carried jobs how its post ended, once it is final (a post carrying no others has nobody to tell). */
export async function finishSlot(job: JobToDeliver, plan: SlotPlan, merges: MergeSlots | undefined, outcome: SlotOutcome): Promise<void> {
	if (job.dueAt === undefined || !merges || plan.kind !== 'post' || plan.others.length === 0) return;
	await merges.finish(job.subscriptionId, job.dueAt, outcome);
}

/** The issues of the post: this job's, then the slot's others that are still in the archive. */
export async function loadSlotIssues(archived: ArchivedIssue, plan: SlotPlan, findIssue: (issueId: string) => ArchivedIssue | undefined | Promise<ArchivedIssue | undefined>): Promise<ArchivedIssue[]> {
	if (plan.kind !== 'post' || plan.others.length === 0) return [archived];
	const others = await Promise.all(plan.others.map((issueId) => findIssue(issueId)));
	return [archived, ...others.filter((other): other is ArchivedIssue => other !== undefined)];
}

/**
 * One post for several issues that waited for the same hour: a heading ("2 new issues"), then
 * each issue as the subscriber's format renders it alone, oldest first.
 */
export function mergedIssuesContent(issues: readonly ArchivedIssue[], subscription: Subscription, contentFor: (archived: ArchivedIssue, subscription: Subscription) => readonly Block[]): readonly Block[] {
	if (issues.length === 1) return contentFor(issues[0]!, subscription);
	const ordered = [...issues].sort((a, b) => (a.issue.date ?? '').localeCompare(b.issue.date ?? '') || a.issue.id.localeCompare(b.issue.id));
	// In the subscription's language, like the issue content around it.
	const heading: Block = { type: 'heading', level: 1, spans: [{ text: translatorFor(subscription.locale).text('delivery-merged-heading', { count: issues.length }) }] };
	return [heading, ...ordered.flatMap((archived) => contentFor(archived, subscription))];
}
