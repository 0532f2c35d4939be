import type { BroadcastSummary } from '../src/command/command.js';
import type { Span } from '../src/content/span.js';
import type { Translator } from '../src/i18n/translator.js';

/** How often `/status` looks at a broadcast in progress: the adapters pace the edits themselves (one per ~3 s). */
export const statusPollMs = 1_000;

/** How long one `/status` keeps its message live: long enough to watch a broadcast, bounded so an answer does not edit itself for hours. */
export const statusLiveForMs = 120_000;

const barCells = 10;

/**
 * Whether the broadcast has posts to send now: `/status` then follows it. Posts waiting for their
 * subscriber's hour are not being sent, and watching them for two minutes would show nothing move.
 */
export function isSending(status: BroadcastSummary | undefined): status is BroadcastSummary {
	return status !== undefined && status.pending > status.waiting;
}

/**
 * The progress line: `▰▰▰▰▰▱▱▱▱▱ 52% · 2,600/5,000`, posts settled (delivered, failed or
 * unsubscribed) of all. Rounded down, so 100% means done.
 */
export function progressLine(status: BroadcastSummary, t: Translator): Span[] {
	const settled = status.delivered + status.failed + status.unsubscribed;
	const fraction = status.total > 0 ? Math.min(1, settled / status.total) : 1;
	const filled = Math.floor(fraction * barCells);
	const bar = '▰'.repeat(filled) + '▱'.repeat(barCells - filled);
	return [{ text: t.text('status-progress', { bar, percent: Math.floor(fraction * 100), settled, total: status.total }) }];
}
