import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Archive } from '../../src/archive/archive.js';
import type { Dispatcher, Invocation } from '../../src/command/dispatcher.js';
import type { Logger } from '../../src/logger.js';
import { answerAutocomplete } from './autocomplete.js';
import { decodeCustomId } from './custom-id.js';
import { MessageComposer } from './discord-renderer.js';
import { guardInteraction } from './error-boundary.js';
import { chatOf, userOf } from './interaction-context.js';
import { createReplyTarget, createUpdateTarget } from './interaction-target.js';
import { streamReply, type ReplyTarget } from './reply-streamer.js';

export interface InteractionHandlerDeps {
	readonly archive: Archive;
	readonly dispatcher: Dispatcher;
	readonly log: Logger;
	readonly editIntervalMs: number;
	readonly firstBlockWaitMs: number;
}

/**
 * Routes each interaction to its job: a slash command or a button runs a command and streams
 * the answer, autocomplete suggests values. Whatever happens, the returned promise resolves.
 */
export function createInteractionHandler(deps: InteractionHandlerDeps): (interaction: Interaction) => Promise<void> {
	const { archive, dispatcher, log } = deps;

	const answer = async (interaction: ChatInputCommandInteraction | ButtonInteraction, invocation: Invocation, target: ReplyTarget): Promise<void> => {
		const reply = dispatcher.run(invocation, { archive, chat: chatOf(interaction), user: userOf(interaction), log });
		const composer = new MessageComposer({ sourceCommand: invocation.name });
		await streamReply(reply, target, { composer, editIntervalMs: deps.editIntervalMs, firstBlockWaitMs: deps.firstBlockWaitMs });
	};

	return (interaction) =>
		guardInteraction(interaction, log, async () => {
			if (interaction.isChatInputCommand()) {
				// Options arrive typed (integers as numbers); the command's schema validates them as it would typed text.
				const options = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
				await answer(interaction, { name: interaction.commandName, options }, createReplyTarget(interaction));
			} else if (interaction.isAutocomplete()) {
				await answerAutocomplete(interaction, dispatcher.find(interaction.commandName), archive);
			} else if (interaction.isButton()) {
				const action = decodeCustomId(interaction.customId);
				if (!action) {
					await interaction.reply({ content: 'This button belongs to an older version of the bot. Run the command again.', flags: MessageFlags.Ephemeral });
					return;
				}
				// Button arguments are positional, exactly as if the user had typed them after the command.
				const invocation = { name: action.command, text: action.args.join(' ') };
				await answer(interaction, invocation, action.mode === 'edit' ? createUpdateTarget(interaction) : createReplyTarget(interaction));
			}
		});
}
