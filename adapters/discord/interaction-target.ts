import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import type { DiscordMessage } from './discord-renderer.js';
import type { ReplyTarget } from './reply-streamer.js';

/** Nobody is pinged by an answer, whatever text a digest or a user put into it. */
const noMentions = { parse: [] } as const;

/**
 * A new reply to a slash command or to a button that answers with a new message. The
 * original response is ours: it is deferred, then edited. A private reply (a user install
 * where the bot is not a member, unless the reader shares it) is ephemeral from the deferral
 * on, follow-ups included: Discord keeps an edited reply as ephemeral as it was deferred.
 */
export function createReplyTarget(interaction: ChatInputCommandInteraction | ButtonInteraction, privately = false): ReplyTarget {
	return {
		ownsOriginal: true,
		async acknowledge(ephemeral) {
			await interaction.deferReply(ephemeral || privately ? { flags: MessageFlags.Ephemeral } : {});
		},
		async editOriginal(message) {
			await interaction.editReply(editPayload(message));
		},
		async deleteOriginal() {
			await interaction.deleteReply();
		},
		followUp: (message, ephemeral) => sendFollowUp(interaction, message, ephemeral || privately),
		async editFollowUp(id, message) {
			await interaction.editReply({ ...editPayload(message), message: id });
		},
	};
}

/**
 * A button press that pages in place: the pressed message is updated. Failures never replace
 * it; the streamer sends them as ephemeral follow-ups instead.
 */
export function createUpdateTarget(interaction: ButtonInteraction): ReplyTarget {
	return {
		ownsOriginal: false,
		async acknowledge() {
			await interaction.deferUpdate();
		},
		async editOriginal(message) {
			await interaction.editReply(editPayload(message));
		},
		async deleteOriginal() {
			// The pressed message belongs to an earlier answer: never delete it.
		},
		followUp: (message, ephemeral) => sendFollowUp(interaction, message, ephemeral),
		async editFollowUp(id, message) {
			await interaction.editReply({ ...editPayload(message), message: id });
		},
	};
}

async function sendFollowUp(interaction: ChatInputCommandInteraction | ButtonInteraction, message: DiscordMessage, ephemeral: boolean): Promise<string> {
	const sent = await interaction.followUp({ ...createPayload(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
	return sent.id;
}

/** An edit states every part, so that a paged message loses the previous story's embeds and buttons. */
function editPayload(message: DiscordMessage) {
	return { content: message.content, embeds: message.embeds, components: message.components, allowedMentions: noMentions };
}

/** A new message leaves out empty content: Discord counts "" as no content. */
function createPayload(message: DiscordMessage): InteractionReplyOptions {
	return {
		...(message.content !== '' ? { content: message.content } : {}),
		embeds: message.embeds,
		components: message.components,
		allowedMentions: noMentions,
	};
}
