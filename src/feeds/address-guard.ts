import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a feed URL must not reach unless FEED_ALLOW_PRIVATE is set: a feed URL is operator
 * input, and a redirect or a DNS answer can point it at the bot's own network (SSRF).
 */
const privateRanges = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3],
] as const) {
	privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8],
] as const) {
	privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return isPrivateAddress(mapped[1]!);
	const family = isIP(address);
	if (family === 0) return true;
	return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Raised (as the socket's error) when a feed host resolves to a refused address. */
export const privateAddressCode = 'EFEEDPRIVATE';

/**
 * A `lookup` for `http.request` that refuses private addresses. Checking in the lookup rather
 * than before the request means the address checked is the address connected to, so a DNS
 * answer that changes between a check and the connection cannot slip through.
 */
export function createGuardedLookup(allowPrivate: boolean) {
	return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
		dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '');
			const list = addresses;
			const refused = !allowPrivate && list.some((entry) => isPrivateAddress(entry.address));
			if (refused) {
				const failure: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address`);
				failure.code = privateAddressCode;
				return callback(failure, '');
			}
			if ((options as LookupAllOptions).all) return callback(null, list);
			const first = list[0];
			if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
			callback(null, first.address, first.family);
		});
	};
}
