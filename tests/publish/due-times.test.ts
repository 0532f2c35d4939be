import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { planDueTimes } from '../../src/publish/due-times.js';
import { createKeyvSubscriptionStore } from '../../src/subscriptions/subscription-store.js';

describe('when 1,200 subscribers all chose 08:00 UTC', () => {
	it('then their due times are spread over every second of 08:00 and none falls outside that minute; at-once subscribers get none', async () => {
		const store = createKeyvSubscriptionStore(new Keyv());
		const ids: string[] = [];
		for (let index = 0; index < 1_201; index += 1) {
			const { subscription } = await store.subscribe({ platform: 'telegram', chatId: String(10_000 + index), kind: 'private', createdBy: 'x' });
			if (index < 1_200) await store.update(subscription.id, { deliverAt: { time: '08:00', zone: 'UTC' } });
			ids.push(subscription.id);
		}
		const due = await planDueTimes(store, await store.activeIds(), Date.parse('2026-05-01T20:00:00Z'));
		const minute = Date.parse('2026-05-02T08:00:00Z');
		const perSecond = new Map<number, number>();
		for (const at of due.values()) perSecond.set((at - minute) / 1000, (perSecond.get((at - minute) / 1000) ?? 0) + 1);
		expect(due.size).toBe(1_200);
		expect(due.has(ids[1_200]!)).toBe(false);
		expect([...perSecond.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, second) => second));
		// 20 a second on average, none near the whole crowd; the rate limiter paces the rest.
		expect(Math.max(...perSecond.values())).toBeLessThan(60);
	});
});
