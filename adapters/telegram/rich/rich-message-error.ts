import type { RichCost } from './rich-limits.js';

/**
 * A single unit of content that no rich message can hold even after every cut the renderer knows
 * (a heading longer than a whole message). A bug in the content, not a platform refusal: the
 * caller should render the answer the entity way instead.
 */
export class RichMessageTooLargeError extends Error {
	public override readonly name = 'RichMessageTooLargeError';

	public constructor(
		/** What the piece is: a section heading, a story, other content. */
		public readonly pieceKind: string,
		/** What it costs, against the budget of an empty message. */
		public readonly cost: RichCost,
		public readonly budget: RichCost,
	) {
		super(`a rich ${pieceKind} piece of ${cost.blocks} blocks and ${cost.characters} characters does not fit a message (${budget.blocks} blocks, ${budget.characters} characters left after the footer)`);
	}
}
