/**
 * Jobs of a broadcast that wait for their subscriber's hour (`/settings at`), counted by the
 * minute they fall due (epoch ms of the minute → jobs). A minute, not each job's instant: a
 * broadcast to a million subscribers keeps at most a few thousand entries (subscribers choose
 * minutes of a day), and `/status` only needs "how many still wait, and when is the next".
 */
export type BroadcastSchedule = Readonly<Record<string, number>>;

const minuteMs = 60_000;

/** The schedule of a broadcast from each scheduled subscriber's due time. */
export function scheduleOf(dueAt: ReadonlyMap<string, number>): BroadcastSchedule {
	const byMinute: Record<string, number> = {};
	for (const due of dueAt.values()) {
		const minute = String(Math.floor(due / minuteMs) * minuteMs);
		byMinute[minute] = (byMinute[minute] ?? 0) + 1;
	}
	return byMinute;
}

/**
 * How many jobs are still before their hour at `now`, and the minute the next falls due. A job
 * is never posted before its hour, so these are pending for a reason, not stuck; a minute
 * counts as waiting until it is over (its jobs are spread across it).
 */
export function waitingAt(schedule: BroadcastSchedule | undefined, now: number): { readonly count: number; readonly nextAt?: number } {
	let count = 0;
	let nextAt: number | undefined;
	for (const [minute, jobs] of Object.entries(schedule ?? {})) {
		const start = Number(minute);
		if (start + minuteMs <= now) continue;
		count += jobs;
		if (start > now && (nextAt === undefined || start < nextAt)) nextAt = start;
	}
	return nextAt === undefined ? { count } : { count, nextAt };
}
