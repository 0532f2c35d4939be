import { describe, expect, it } from 'vitest';
import { sendContinuation } from '../../src/delivery/continuation-retry.js';
import { DeliveryError } from '../../src/errors/delivery-error.js';

const asIs = (error: unknown): DeliveryError => (error instanceof DeliveryError ? error : new DeliveryError('permanent', { platform: 'telegram' }));
const options = { attempts: 3, backoffBaseMs: 2, maxWaitMs: 50 };

/** A send that fails with the given errors in turn, then succeeds; counts its calls. */
function failing(...errors: DeliveryError[]) {
	let calls = 0;
	return {
		calls: () => calls,
		send: async () => {
			calls += 1;
			const error = errors.shift();
			if (error) throw error;
			return 'sent';
		},
	};
}

describe('when a later part of a post fails', () => {
	it('then a 429 within the longest wait is waited out and the part sent, however often', async () => {
		const part = failing(...Array.from({ length: 5 }, () => new DeliveryError('rate-limited', { platform: 'telegram', retryAfterMs: 3 })));
		await expect(sendContinuation(part.send, asIs, options)).resolves.toBe('sent');
		expect(part.calls()).toBe(6);
	});

	it('then a 429 longer than the longest wait, a permanent failure or too many transient ones end the post with the error as raised', async () => {
		const long = new DeliveryError('rate-limited', { platform: 'telegram', retryAfterMs: 5_000 });
		await expect(sendContinuation(failing(long).send, asIs, options)).rejects.toBe(long);
		const permanent = new DeliveryError('permanent', { platform: 'telegram' });
		await expect(sendContinuation(failing(permanent).send, asIs, options)).rejects.toBe(permanent);
		const transient = () => new DeliveryError('transient', { platform: 'telegram' });
		const flaky = failing(transient(), transient(), transient(), transient());
		await expect(sendContinuation(flaky.send, asIs, options)).rejects.toMatchObject({ kind: 'transient' });
		expect(flaky.calls()).toBe(3);
	});
});
