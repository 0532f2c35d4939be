import type { ResolvedTarget } from '../src/command/chat-access.js';
import { chatLabel } from '../src/i18n/chat-labels.js';
import { failure } from '../src/i18n/failures.js';
import type { Block } from '../src/content/block.js';
import type { Translator } from '../src/i18n/translator.js';
import { closestTimeZones, resolveTimeZone } from '../src/schedule/time-zones.js';
import { parseClockTime } from '../src/schedule/wall-clock.js';
import type { SubscriptionStore } from '../src/subscriptions/subscription-store.js';
import type { DeliverAt, Subscription } from '../src/subscriptions/subscription.js';

/** "08:00 Europe/Berlin" → the choice, "off" → null (at once), or the failure to answer with. */
export function parseDeliverAt(spec: string, locale: string): DeliverAt | null | Block {
	const [time = '', zone = ''] = spec.trim().split(/\s+/);
	if (/^(off|now|none|immediately)$/i.test(time)) return null;
	const clock = parseClockTime(time);
	if (!clock) return failure('bad-delivery-time', { time: time.slice(0, 20) }, locale);
	const resolved = resolveTimeZone(zone);
	if (!resolved) return failure('unknown-time-zone', { zone: zone.slice(0, 40), suggestions: zone === '' ? [] : closestTimeZones(zone) }, locale);
	const pad = (value: number): string => String(value).padStart(2, '0');
	return { time: `${pad(clock.hour)}:${pad(clock.minute)}`, zone: resolved };
}

/** `/settings at …`: stores the subscription's time of day and confirms it, or says what is wrong. */
export async function* setDeliveryTime(spec: string, store: SubscriptionStore, resolved: ResolvedTarget, t: Translator, find: () => Promise<Subscription | undefined> = () => store.getByTarget(resolved.target)): AsyncGenerator<Block> {
	const deliverAt = parseDeliverAt(spec, t.locale);
	if (deliverAt !== null && 'type' in deliverAt) {
		yield deliverAt;
		return;
	}
	const existing = await find();
	const updated = existing?.status === 'active' ? await store.update(existing.id, { deliverAt }) : undefined;
	if (!updated) {
		yield failure('not-subscribed', { where: resolved.label }, t.locale);
		return;
	}
	const where = chatLabel(resolved.label, t);
	yield { type: 'paragraph', spans: deliverAt ? t.spans('settings-at-saved', { where, time: deliverAt.time, zone: deliverAt.zone }) : t.spans('settings-at-off', { where }) };
}
