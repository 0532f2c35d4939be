import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Each dependency rule of ARCHITECTURE.md, shown to fire on a wrong import and to stay quiet on
 * an allowed one. The code is linted as if it were a file at `file` (nothing is written), with
 * the project's own eslint.config.js, so a rule that silently stopped matching fails here.
 * The cycle rule needs two real files importing each other and is not covered here.
 */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function rulesBroken(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(`${code}\n`, { filePath: file });
	return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

const paths = 'import-x/no-restricted-paths';
const packages = 'no-restricted-imports';

const forbidden: readonly [string, string, string, string][] = [
	['the core imports an adapter', 'src/archive/x.ts', "import type { AdapterDeps } from '../../adapters/adapter.js';", paths],
	['the core imports a command', 'src/archive/x.ts', "import { commands } from '../../commands/index.js';", paths],
	['the core imports grammY', 'src/delivery/x.ts', "import { Bot } from 'grammy';", packages],
	['the core imports discord.js', 'src/delivery/x.ts', "import { Client } from 'discord.js';", packages],
	['a command imports an adapter', 'commands/x.ts', "import type { AdapterDeps } from '../adapters/adapter.js';", paths],
	['a command imports discord.js', 'commands/x.ts', "import { Client } from 'discord.js';", packages],
	['Telegram imports Discord', 'adapters/telegram/x.ts', "import { customId } from '../discord/custom-id.js';", paths],
	['Discord imports Telegram', 'adapters/discord/x.ts', "import { allowedUpdates } from '../telegram/telegram-bot.js';", paths],
	['the console imports Telegram', 'adapters/console/x.ts', "import { allowedUpdates } from '../telegram/telegram-bot.js';", paths],
	['Telegram imports the console', 'adapters/telegram/x.ts', "import { runConsoleAdapter } from '../console/console-adapter.js';", paths],
	['shared adapter code imports a platform adapter', 'adapters/x.ts', "import { allowedUpdates } from './telegram/telegram-bot.js';", paths],
	['an adapter imports the composition root', 'adapters/telegram/x.ts', "import '../main.js';", paths],
	['Telegram imports discord.js', 'adapters/telegram/x.ts', "import { Client } from 'discord.js';", packages],
	['Discord imports grammY', 'adapters/discord/x.ts', "import { Bot } from 'grammy';", packages],
	['shared adapter code imports grammY', 'adapters/x.ts', "import { Bot } from 'grammy';", packages],
	['the reply pipeline imports a platform adapter', 'adapters/reply/x.ts', "import { ReplyPacker } from '../telegram/telegram-renderer.js';", paths],
	['the reply pipeline imports discord.js', 'adapters/reply/x.ts', "import { Client } from 'discord.js';", packages],
	['a leaf (errors) imports another leaf', 'src/errors/x.ts', "import { createLogger } from '../logger.js';", paths],
	['a leaf (content) imports the model', 'src/content/x.ts', "import type { Issue } from '../model/issue.js';", paths],
	['i18n imports src/command', 'src/i18n/x.ts', "import type { Command } from '../command/command.js';", paths],
	['schedule imports src/command', 'src/schedule/x.ts', "import type { Command } from '../command/command.js';", paths],
	['HTTP imports publishing', 'src/http/x.ts', "import type { RunningPublishing } from '../publish/start-publishing.js';", paths],
	['delivery imports publishing', 'src/delivery/x.ts', "import type { RunningPublishing } from '../publish/start-publishing.js';", paths],
	['one delivery engine imports the other', 'src/delivery/engines/keyv/x.ts', "import { createBullmqDeliveryWorker } from '../bullmq/bullmq-delivery.js';\nexport const x = createBullmqDeliveryWorker;", paths],
	['a part of the delivery step imports an engine', 'src/delivery/limits/x.ts', "import { createKeyvDeliveryQueue } from '../engines/keyv/keyv-delivery-queue.js';\nexport const x = createKeyvDeliveryQueue;", paths],
	['corrections import the merge slots', 'src/delivery/corrections/x.ts', "import { createKeyvMergeSlots } from '../slots/merge-slots.js';\nexport const x = createKeyvMergeSlots;", paths],
	['the delivery step imports an engine', 'src/delivery/x.ts', "import { createDeliveryWorker } from './engines/keyv/delivery-worker.js';\nexport const x = createDeliveryWorker;", paths],
	['ask imports the dispatcher', 'src/ask/x.ts', "import type { Dispatcher } from '../command/dispatcher.js';", paths],
	['ask imports the command types', 'src/ask/x.ts', "import type { CommandContext } from '../command/command.js';\nexport type X = CommandContext;", paths],
];

const allowed: readonly [string, string, string][] = [
	['the composition root imports every adapter', 'adapters/main.ts', "import { startDiscordAdapter } from './discord/index.js';\nimport { startTelegramAdapter } from './telegram/index.js';\nexport const all = [startDiscordAdapter, startTelegramAdapter];"],
	['an adapter imports shared adapter code and the core', 'adapters/telegram/x.ts', "import type { AdapterDeps } from '../adapter.js';\nimport type { Archive } from '../../src/archive/archive.js';\nexport type X = [AdapterDeps, Archive];"],
	['an adapter plugs into the reply pipeline', 'adapters/discord/x.ts', "import { LatestPacer } from '../reply/latest-pacer.js';\nexport const x = LatestPacer;"],
	['a command imports the core', 'commands/x.ts', "import type { Archive } from '../src/archive/archive.js';\nexport type X = Archive;"],
	['publishing imports delivery', 'src/publish/x.ts', "import type { BroadcastQueue } from '../delivery/broadcast-ledger.js';\nexport type X = BroadcastQueue;"],
	['a delivery engine imports the step and the merge slots', 'src/delivery/engines/keyv/x.ts', "import { deliverJob } from '../../deliver-job.js';\nimport { createKeyvMergeSlots } from '../../slots/merge-slots.js';\nexport const x = [deliverJob, createKeyvMergeSlots];"],
	['schedule imports the neutral text leaf', 'src/schedule/x.ts', "import { closestMatches } from '../text/closest-match.js';\nexport const x = closestMatches;"],
	['ask words its failures through i18n', 'src/ask/x.ts', "import { failure } from '../i18n/failures.js';\nexport const x = failure;"],
];

describe('when a file imports across a layering rule', () => {
	it.each(forbidden)('then lint refuses it: %s', async (_name, file, code, rule) => {
		expect(await rulesBroken(file, code)).toContain(rule);
	});
});

describe('when a file imports the way the layers allow', () => {
	it.each(allowed)('then lint accepts it: %s', async (_name, file, code) => {
		expect(await rulesBroken(file, code)).toEqual([]);
	});
});
