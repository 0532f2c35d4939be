import { readFile } from 'node:fs/promises';
import { Keyv } from 'keyv';
import OpenAI from 'openai';
import { pino } from 'pino';
import { defaultStreamTiming } from '../adapters/telegram/reply-streamer.js';
import { startTelegramAdapter } from '../adapters/telegram/index.js';
import { commands } from '../commands/index.js';
import { Archive } from '../src/archive/archive.js';
import { ingestBytes } from '../src/ingest/ingest.js';
import { createKeyvIssueStore } from '../src/archive/issue-store.js';
import { createAskServiceFromSettings } from '../src/ask/ask-from-settings.js';
import { createDispatcher } from '../src/command/dispatcher.js';
import { loadConfig } from '../src/config/config.js';
import { startFakeLlm } from '../tests/fakes/openai-server.js';
import { FakeTelegramBotApi, fakeToken } from '../tests/fakes/telegram-bot-api.js';
import { messagePlain } from '../tests/adapters/telegram/rich/rich-outline.js';
import { median } from './stats.js';

export interface AskStreamFigures {
	/** Characters per second the reader gets (final message) ÷ characters per second the model emits; median of runs. */
	readonly ask_stream_ratio: number;
	/** From the model's first token to the first text draft on the Telegram fake, ms, median. */
	readonly ask_first_draft_ms: number;
	readonly draftIntervalMs: number;
	readonly answerChars: number;
	readonly charsPerSecond: number;
	/** What the fake model actually emitted, read by a bare client: the baseline of the ratio. */
	readonly modelCharsPerSecond: number;
	/** Drafts per streamed answer, median. */
	readonly draftsPerAnswer: number;
	readonly rejected429: number;
}

const referenceDigest = new URL('../digests/2026-03-03-ai-high-signal-digest.md', import.meta.url);

/** A 2,000-character answer of plain sentences, so the reader's text and the model's are the same characters. */
function answerOf(chars: number): string {
	const sentence = 'Qwen released small open-weight models for coding and tool use this week. ';
	return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars - 1).trimEnd() + '.';
}

/**
 * `/ask` streamed through the real Telegram adapter (private chat, production draft timing)
 * from the fake OpenAI-compatible model, both on 127.0.0.1. The reader's rate is the final
 * message's characters over the time from the model request to that message; the baseline, in the
 * same run, is the same stream read to its end by a bare `openai` client (timer drift makes the
 * fake a little slower than its nominal 200 chars/s, and that must not count against the bot).
 */
export async function measureAskStream(options: { runs?: number; firstDraftRuns?: number; answerChars?: number; charsPerSecond?: number; rich?: boolean } = {}): Promise<AskStreamFigures> {
	// Rich drafts and a rich final message (Bot API 10.1), as production sends by default; `rich: false` measures the entity form.
	const rich = options.rich ?? true;
	const runs = options.runs ?? 3;
	const firstDraftRuns = options.firstDraftRuns ?? 7;
	const answerChars = options.answerChars ?? 2_000;
	const charsPerSecond = options.charsPerSecond ?? 200;
	const answer = answerOf(answerChars);
	const thinkMs = 1_000;
	const llm = await startFakeLlm({ script: { text: answer }, charsPerSecond, chunkChars: 4 });
	const fake = await FakeTelegramBotApi.start();
	fake.enforceDraftInterval(defaultStreamTiming.draftIntervalMs - 10);
	const archive = new Archive(createKeyvIssueStore(new Keyv()));
	await ingestBytes(archive, await readFile(referenceDigest), 'reference.md');
	const settings = loadConfig({ TELEGRAM_BOT_TOKEN: fakeToken, TELEGRAM_API_ROOT: fake.apiRoot, LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model', ASK_PER_MINUTE: '1000', TELEGRAM_RICH: rich ? 'on' : 'off' });
	const log = pino({ level: 'silent' });
	const dispatcher = createDispatcher(commands, { services: { archive, log, ask: createAskServiceFromSettings(settings, archive, log) } });
	const adapter = await startTelegramAdapter({ settings, archive, dispatcher, log }, { timing: defaultStreamTiming, pollTimeoutSeconds: 1, rateLimit: { limit: 1000, windowMs: 1000 } });
	let nextUser = 50_000;
	const ask = async (): Promise<{ chatId: number; requestAt: number; finalAt: number; text: string }> => {
		nextUser += 1;
		const user = { id: nextUser, is_bot: false, first_name: 'Reader' };
		const chat = { id: user.id, type: 'private' as const, first_name: user.first_name };
		const before = llm.requests.length;
		fake.postText(chat, '/ask what did Qwen release?', { from: user });
		const message = await fake.waitFor(() => fake.botMessages(chat.id)[0], 60_000);
		const finalAt = fake.callsTo(rich ? 'sendRichMessage' : 'sendMessage').find((call) => Number(call.params.chat_id) === chat.id && call.ok)!.at;
		return { chatId: chat.id, requestAt: llm.requests[before]!.at, finalAt, text: messagePlain(message) };
	};
	/** The text drafts of an answer (not the Thinking one), with when each arrived. */
	const textDrafts = (chatId: number): { at: number }[] =>
		rich
			? fake.richDraftsIn(chatId).filter((draft) => ((draft.richMessage as { blocks?: { type: string }[] }).blocks ?? []).some((block) => block.type !== 'thinking'))
			: fake.draftsIn(chatId).filter((draft) => draft.text !== '');
	// The baseline: the same stream read to its end by a bare client, timed from the same point (the fake's receipt).
	const client = new OpenAI({ baseURL: llm.baseUrl, apiKey: 'bench', maxRetries: 0 });
	const bareRate = async (): Promise<number> => {
		const before = llm.requests.length;
		const stream = await client.chat.completions.create({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'what did Qwen release?' }] });
		let chars = 0;
		for await (const chunk of stream) chars += chunk.choices[0]?.delta.content?.length ?? 0;
		return chars / ((Date.now() - llm.requests[before]!.at) / 1000);
	};
	try {
		const ratios: number[] = [];
		const bareRates: number[] = [];
		const draftCounts: number[] = [];
		for (let run = 0; run < runs; run += 1) {
			const bare = await bareRate();
			const asked = await ask();
			const readerChars = asked.text.includes(answer) ? answer.length : asked.text.length;
			const readerRate = readerChars / ((asked.finalAt - asked.requestAt) / 1000);
			bareRates.push(bare);
			ratios.push(readerRate / bare);
			draftCounts.push(rich ? fake.richDraftsIn(asked.chatId).length : fake.draftsIn(asked.chatId).length);
		}
		// First token late (the model "thinks"), so the Thinking draft is out of the way and pacing is what is measured.
		llm.setScript({ text: answer.slice(0, 200), firstByteDelayMs: thinkMs });
		const firstDrafts: number[] = [];
		for (let run = 0; run < firstDraftRuns; run += 1) {
			const asked = await ask();
			const [firstText] = textDrafts(asked.chatId);
			if (firstText) firstDrafts.push(firstText.at - (asked.requestAt + thinkMs));
		}
		return {
			ask_stream_ratio: median(ratios),
			ask_first_draft_ms: firstDrafts.length > 0 ? median(firstDrafts) : Number.NaN,
			draftIntervalMs: defaultStreamTiming.draftIntervalMs,
			answerChars: answer.length,
			charsPerSecond,
			modelCharsPerSecond: median(bareRates),
			draftsPerAnswer: median(draftCounts),
			rejected429: fake.calls.filter((call) => call.errorCode === 429).length,
		};
	} finally {
		await adapter.stop();
		await fake.close();
		await llm.close();
	}
}
