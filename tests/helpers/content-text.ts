import { plainText } from '../../src/content/span.js';
import type { ContentBlock } from '../../src/model/issue.js';

/** The text of a parsed paragraph; empty for anything else, so a wrong shape fails the assertion. */
export function paragraphText(block: ContentBlock | undefined): string {
	return block?.type === 'paragraph' ? plainText(block.spans) : '';
}
