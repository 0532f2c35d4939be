import type { LimitRule, LimitsByPlatform, RateReserver, RateTarget, Reservation } from '../rate-reserver.js';
import { PacedLimit } from './paced-limit.js';

/** The in-process {@link RateReserver}: it always answers at once. */
export interface PacedRateLimiter extends RateReserver {
	reserve(target: RateTarget): Reservation;
	reserveNamed(target: RateTarget, name: string): Reservation;
}

/**
 * A message is counted against its chat and its platform together, or against neither. In one
 * process only; several processes share a Redis-backed limiter (redis-rate-limiter.ts). The
 * limits are the ones the transports declared: a platform without limits is not paced.
 */
export function createPacedRateLimiter(limits: LimitsByPlatform, now: () => number = Date.now): PacedRateLimiter {
	const paced = new Map<string, PacedLimit>();
	const pacedFor = (name: string, rule: LimitRule): PacedLimit => {
		let limit = paced.get(name);
		if (!limit) {
			limit = new PacedLimit(rule.limit, rule.windowMs);
			paced.set(name, limit);
		}
		return limit;
	};
	return {
		reserveNamed(target, name) {
			const rule = limits[target.platform]?.named?.[name];
			if (!rule) return { wait: 0, scope: 'none' };
			const limit = pacedFor(`${target.platform}:named:${name}`, rule);
			const time = now();
			const wait = limit.wait(target.chatId, time);
			if (wait > 0) return { wait, scope: 'chat' };
			limit.take(target.chatId, time);
			return { wait: 0, scope: 'none' };
		},
		reserve(subscription) {
			const time = now();
			const platformLimits = limits[subscription.platform];
			if (!platformLimits) return { wait: 0, scope: 'none' };
			const chatLimits = (platformLimits.perChat ?? []).flatMap((rule, index) => (!rule.kinds || rule.kinds.includes(subscription.kind) ? [pacedFor(`${subscription.platform}:chat:${index}`, rule)] : []));
			const chatWait = Math.max(0, ...chatLimits.map((limit) => limit.wait(subscription.chatId, time)));
			if (chatWait > 0) return { wait: chatWait, scope: 'chat' };
			const platform = pacedFor(`${subscription.platform}:all`, platformLimits.overall);
			const platformWait = platform.wait('all', time);
			if (platformWait > 0) return { wait: platformWait, scope: 'platform' };
			platform.take('all', time);
			for (const limit of chatLimits) limit.take(subscription.chatId, time);
			return { wait: 0, scope: 'none' };
		},
	};
}
