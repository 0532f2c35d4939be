import type { APIComponentInContainer, APIContainerComponent } from 'discord.js';
import { isComponentsV2Flag } from './v2-limits.js';

/**
 * One Components V2 message as the adapter sends it: containers only (no `content`, no `embeds`,
 * which Discord refuses beside the flag). The same body serves a channel post, an interaction
 * reply and an edit.
 */
export interface V2Message {
	readonly flags: typeof isComponentsV2Flag;
	readonly components: APIContainerComponent[];
}

/** A container's child together with what it costs against the message's limits. */
export interface V2Piece {
	readonly child: APIComponentInContainer;
	/** Components it adds, nested ones included. */
	readonly components: number;
	/** Characters of text display it adds. */
	readonly text: number;
	/** A separator: worth nothing at the top of a container, so the packer drops it there. */
	readonly separator?: true;
}
