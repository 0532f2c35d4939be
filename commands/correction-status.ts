import type { BroadcastSummary } from '../src/command/command.js';
import type { Span } from '../src/content/span.js';
import type { Translator } from '../src/i18n/translator.js';

/** The `/status` line of a correction in progress or done, when the latest broadcast was one. */
export function correctionStatusItems(status: BroadcastSummary | undefined, t: Translator): Span[][] {
	const correction = status?.correction;
	if (!correction) return [];
	const { edited, posted, unchanged, failed, pending, total } = correction;
	return [[{ text: t.text('status-correction', { edited, posted, unchanged, failed, pending, total }) }]];
}
