import { createDiscordDelivery } from '../adapters/discord/discord-delivery-transport.js';
import type { NewSubscription } from '../src/subscriptions/subscription.js';
import { startFakeHost } from './fake-host.js';
import { compareFanout, createFanoutRig, defaultConcurrency, replayPosts, type FanoutFigures } from './fanout.js';

/** Discord channel posts (`format: top`, one message each) against a bare `fetch` loop of the same `POST /channels/{id}/messages`. */
export async function measureDiscordFanout(channels = 10_000, repetitions = 3): Promise<FanoutFigures> {
	const host = await startFakeHost('discord');
	// discord.js's own ceiling (50/s, Discord's global limit) is raised like the worker's: this measures overhead, not pacing.
	const delivery = createDiscordDelivery({ token: host.token, apiRoot: host.apiRoot, globalRequestsPerSecond: 1e9 });
	const subscriptions: NewSubscription[] = Array.from({ length: channels }, (_, n) => ({
		platform: 'discord',
		chatId: String(10n ** 17n + BigInt(n)),
		communityId: '123456789012345678',
		kind: 'community-channel',
		format: 'top',
		createdBy: 'admin',
	}));
	const rig = await createFanoutRig({ subscriptions, transport: delivery.transport, platform: 'discord', issues: repetitions + 1 });
	try {
		const root = host.apiRoot.replace(/\/api$/, '/api/v10');
		return await compareFanout(host, rig, (posts) => replayPosts(posts, (post) => `${root}${post.path}`, { authorization: `Bot ${host.token}` }, defaultConcurrency), repetitions);
	} finally {
		await rig.close();
		delivery.stop();
		await host.close();
	}
}
