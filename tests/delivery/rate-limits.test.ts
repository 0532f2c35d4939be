import { describe, expect, it } from 'vitest';
import { createDeliveryRateLimiter, defaultRateLimits, type RateLimitSettings } from './named-limits.js';
import type { Subscription } from '../../src/subscriptions/subscription.js';

type Chat = Pick<Subscription, 'platform' | 'chatId' | 'kind'>;

/** A limiter on a clock the test moves. */
function limiterAt(settings: RateLimitSettings = defaultRateLimits) {
	let time = 1_000_000;
	const limiter = createDeliveryRateLimiter(settings, () => time);
	return { limiter, advance: (ms: number) => void (time += ms), now: () => time };
}

/** Up to 15 ms between the bot counting a message and the platform seeing it, varying per message. */
const arrivalDelay = (n: number): number => (n * 7_919) % 16;

/**
 * Sends as fast as the limiter lets a greedy sender go for `durationMs` of simulated time,
 * cycling through `chats`, and returns when the platform saw each message, in order.
 */
function sendGreedily(settings: RateLimitSettings, chats: readonly Chat[], durationMs: number): number[] {
	const { limiter, advance, now } = limiterAt(settings);
	const start = now();
	const sent: number[] = [];
	let next = 0;
	while (now() - start < durationMs) {
		const reservation = limiter.reserve(chats[next % chats.length]!);
		if (reservation.wait === 0) {
			sent.push(now() - start + arrivalDelay(sent.length));
			next += 1;
		} else advance(Math.min(reservation.wait, 1));
	}
	return sent.sort((a, b) => a - b);
}

/** The most messages any window of `windowMs` holds, as a sliding log (the strictest reading of "N per window") counts them. */
function busiestWindow(times: readonly number[], windowMs: number): number {
	let most = 0;
	let first = 0;
	for (let last = 0; last < times.length; last += 1) {
		while (times[last]! - times[first]! >= windowMs) first += 1;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

const privateChats = (count: number): Chat[] => Array.from({ length: count }, (_, n) => ({ platform: 'telegram', chatId: String(n), kind: 'private' }));

describe('when a broadcast is paced against the platform limits', () => {
	it('then a second message to the same Telegram chat within a second is deferred for that chat only', () => {
		const { limiter } = limiterAt();
		const chat: Chat = { platform: 'telegram', chatId: '1', kind: 'private' };
		expect(limiter.reserve(chat)).toEqual({ wait: 0, scope: 'none' });
		expect(limiter.reserve(chat)).toMatchObject({ scope: 'chat' });
		expect(limiter.reserve({ ...chat, chatId: '2' })).toMatchObject({ scope: 'platform' });
	});

	it('then past the overall ceiling every Telegram chat waits, and Discord does not', () => {
		const { limiter, advance } = limiterAt({ ...defaultRateLimits, telegramPerSecond: 3 });
		expect(limiter.reserve({ platform: 'telegram', chatId: '1', kind: 'private' }).wait).toBe(0);
		const next = limiter.reserve({ platform: 'telegram', chatId: '2', kind: 'private' });
		expect(next.scope).toBe('platform');
		expect(limiter.reserve({ platform: 'discord', chatId: '9', kind: 'community-channel' }).wait).toBe(0);
		advance(next.wait);
		expect(limiter.reserve({ platform: 'telegram', chatId: '2', kind: 'private' })).toEqual({ wait: 0, scope: 'none' });
	});

	it('then no second ever holds more than Telegram allows, at its scale and 10× and 100× it, and the bot still uses at least 95 % of it', () => {
		for (const scale of [1, 10, 100]) {
			const settings = { ...defaultRateLimits, telegramPerSecond: 30 * scale };
			const sent = sendGreedily(settings, privateChats(20_000), 5_000);
			expect(busiestWindow(sent, 1_000), `×${scale}`).toBeLessThanOrEqual(30 * scale);
			expect(sent.length / 5, `×${scale}`).toBeGreaterThanOrEqual(0.95 * 30 * scale);
		}
	});

	it('then a group gets at most its 20 posts in any minute, spread over the minute', () => {
		const group: Chat = { platform: 'telegram', chatId: '-5', kind: 'group' };
		const sent = sendGreedily(defaultRateLimits, [group], 10 * 60_000);
		expect(busiestWindow(sent, 60_000)).toBeLessThanOrEqual(20);
		expect(busiestWindow(sent, 1_000)).toBe(1);
		expect(sent.length).toBeGreaterThanOrEqual(0.95 * 20 * 10);
	});

	it('then one chat gets at most one message a second, and Discord at most 50 requests a second', () => {
		const chat = sendGreedily(defaultRateLimits, privateChats(1), 60_000);
		expect(busiestWindow(chat, 1_000)).toBe(1);
		expect(chat.length).toBeGreaterThanOrEqual(0.95 * 60);
		const discord = sendGreedily(defaultRateLimits, [{ platform: 'discord', chatId: '9', kind: 'community-channel' }], 10_000);
		expect(busiestWindow(discord, 1_000)).toBeLessThanOrEqual(50);
		expect(discord.length).toBeGreaterThanOrEqual(0.95 * 50 * 10);
	});
});
