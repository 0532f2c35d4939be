import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Archive } from '../../src/archive/archive.js';
import type { Origin } from '../../src/command/command.js';
import type { Dispatcher, Invocation } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import { translatorFor, type Translator } from '../../src/i18n/translator.js';
import { answerAutocomplete } from './autocomplete.js';
import { AnswerStops } from '../reply/answer-stops.js';
import { decodeCustomId, decodeStopId, encodeStopId } from './custom-id.js';
import { createDiscordChatAccess } from './discord-chat-access.js';
import { V2ReplyComposer } from './components-v2/v2-reply-composer.js';
import type { DiscordComposer } from './discord-composer.js';
import type { DiscordPayload } from './discord-payload.js';
import { MessageComposer } from './discord-renderer.js';
import { guardInteraction } from './error-boundary.js';
import { answerMessageCap, answersPrivately, installReachOf } from './install-reach.js';
import { chatOf, userOf } from './interaction-context.js';
import { createReplyTarget, createUpdateTarget } from './interaction-target.js';
import { streamReply, type ReplyTarget } from './reply-streamer.js';
import { shareOptionName } from './slash-commands.js';

export interface InteractionHandlerDeps {
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	readonly editIntervalMs: number;
	/** At most one edit of a live answer per interval (default 3 s). */
	readonly liveEditIntervalMs?: number;
	readonly firstBlockWaitMs: number;
	/** DISCORD_COMPONENTS_V2: the answers of {@link cardCommands} as Components V2 cards; off, content and embeds as before. */
	readonly componentsV2?: boolean;
}

/**
 * The answers that are cards when Components V2 is on (issue #20): an issue's stories and the
 * answer to a question. Short answers (help, settings, subscribe) stay plain messages.
 */
const cardCommands: ReadonlySet<string> = new Set(['story', 'top', 'latest', 'since', 'ask']);

/** How long the answer's language may take to look up before the streamer uses the reader's client language. */
const localeWaitMs = 250;

/**
 * Routes each interaction to its job: a slash command or a button runs a command and streams
 * the answer, autocomplete suggests values. Whatever happens, the returned promise resolves.
 */
export function createInteractionHandler(deps: InteractionHandlerDeps): (interaction: Interaction) => Promise<void> {
	const { archive, dispatcher, log } = deps;

	/** Where an interaction came from, built in one place for slash commands and buttons alike. */
	const originOf = (interaction: ChatInputCommandInteraction | ButtonInteraction): Origin => ({
		chat: chatOf(interaction),
		user: userOf(interaction),
		// The reader's Discord client language ("zh-CN", "ru", "en-US"); a chat's `/settings language` wins in the dispatcher.
		locale: interaction.locale,
		access: createDiscordChatAccess(interaction),
	});

	const stops = new AnswerStops();

	/**
	 * The packer of an answer, and so its kind. A button that pages in place edits the pressed
	 * message, which keeps the kind it was sent in (Discord never adds or removes the V2 flag);
	 * any other answer is a card when the settings say so.
	 */
	const composerFor = (interaction: ChatInputCommandInteraction | ButtonInteraction, invocation: Invocation, target: ReplyTarget, t: Translator): DiscordComposer<DiscordPayload> => {
		const options = { sourceCommand: invocation.name, cutNote: `_${t.text('discord-answer-cut')}_`, maxMessages: answerMessageCap(installReachOf(interaction)) };
		const pressedIsV2 = interaction.isButton() && interaction.message.flags.has(MessageFlags.IsComponentsV2);
		const v2 = target.ownsOriginal ? deps.componentsV2 === true && cardCommands.has(invocation.name) : pressedIsV2;
		return v2 ? new V2ReplyComposer({ ...options, storyButtonLabel: (story) => t.text('button-story', { number: String(story) }) }) : new MessageComposer(options);
	};

	const answer = async (interaction: ChatInputCommandInteraction | ButtonInteraction, invocation: Invocation, target: ReplyTarget): Promise<void> => {
		const prepared = dispatcher.prepare(invocation);
		const generated = prepared.command?.generated === true;
		// A generated answer can be stopped by the reader who asked, with the Stop button under it.
		const controller = generated ? new AbortController() : undefined;
		const stopId = encodeStopId(interaction.id);
		const forget = controller ? stops.register(stopId, controller, interaction.user.id) : undefined;
		try {
			const { reply, locale } = prepared.run(originOf(interaction), controller?.signal);
			// The language the command answers in, for the streamer's own words; a store slow to say must not
			// hold the acknowledgement Discord wants within 3 s, so past a moment the reader's client language does.
			const t = translatorFor(await Promise.race([locale, delay(localeWaitMs).then(() => interaction.locale)]));
			await streamReply(reply, target, {
				translator: t,
				composer: composerFor(interaction, invocation, target, t),
				editIntervalMs: deps.editIntervalMs,
				...(deps.liveEditIntervalMs !== undefined ? { liveEditIntervalMs: deps.liveEditIntervalMs } : {}),
				firstBlockWaitMs: deps.firstBlockWaitMs,
				...(controller ? { generated, signal: controller.signal, stopId } : {}),
			});
		} finally {
			forget?.();
		}
	};

	/** A Stop press: the answer ends with what was written; its own final edit removes the button. */
	const stopAnswer = async (interaction: ButtonInteraction): Promise<void> => {
		const outcome = stops.stop(interaction.customId, interaction.user.id);
		if (outcome === 'stopped') await interaction.deferUpdate();
		else await interaction.reply({ content: translatorFor(interaction.locale).text(outcome === 'not-yours' ? 'stop-not-yours' : 'stop-finished'), flags: MessageFlags.Ephemeral });
	};

	return (interaction) =>
		guardInteraction(interaction, log, async () => {
			if (interaction.isChatInputCommand()) {
				// Options arrive typed (integers as numbers); the command's schema validates them as it would typed text.
				// `share` is the adapter's own option (who sees the answer), not the command's.
				const options = Object.fromEntries(interaction.options.data.filter((option) => option.name !== shareOptionName).map((option) => [option.name, option.value]));
				await answer(interaction, { name: interaction.commandName, options }, createReplyTarget(interaction, answersPrivately(interaction, installReachOf(interaction))));
			} else if (interaction.isAutocomplete()) {
				await answerAutocomplete(interaction, dispatcher.find(interaction.commandName), archive, dispatcher.publications);
			} else if (interaction.isButton()) {
				if (decodeStopId(interaction.customId)) {
					await stopAnswer(interaction);
					return;
				}
				const action = decodeCustomId(interaction.customId);
				if (!action) {
					await interaction.reply({ content: translatorFor(interaction.locale).text('button-outdated'), flags: MessageFlags.Ephemeral });
					return;
				}
				// Button arguments are positional, exactly as if the user had typed them after the command.
				const invocation = { name: action.command, text: action.args.join(' ') };
				await answer(interaction, invocation, action.mode === 'edit' ? createUpdateTarget(interaction) : createReplyTarget(interaction, answersPrivately(interaction, installReachOf(interaction))));
			}
		});
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
