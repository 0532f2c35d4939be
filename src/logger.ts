import { destination as pinoDestination, pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths that may carry a secret in anything we log. pino replaces them before the line is
 * written, so a stray `log.info({ config })` cannot leak a token.
 */
const redactedPaths = [
	'token',
	'*.token',
	'config.TELEGRAM_BOT_TOKEN',
	'config.DISCORD_TOKEN',
	'config.PUBLISH_TOKEN',
	'config.TELEGRAM_WEBHOOK_SECRET',
	'TELEGRAM_BOT_TOKEN',
	'DISCORD_TOKEN',
	'PUBLISH_TOKEN',
	'TELEGRAM_WEBHOOK_SECRET',
	'LLM_API_KEY',
	'config.LLM_API_KEY',
	'headers.authorization',
	'*.headers.authorization',
	'req.headers.authorization',
	'req.headers["x-telegram-bot-api-secret-token"]',
];

/**
 * Logs go to stderr as JSON lines: stdout belongs to the console adapter's replies, so that
 * `echo /top | npm start` prints answers only.
 */
export function createLogger(level: string, destination: number = 2): Logger {
	return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, pinoDestination({ fd: destination, sync: true }));
}

/** Replaces every occurrence of the given secrets in a text (error messages can quote URLs with tokens). */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
	let out = text;
	for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
	return out;
}
