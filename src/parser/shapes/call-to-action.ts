import { plainText, type Span } from '../../content/span.js';

/*
 * "Read the post →", "Continue reading", "Listen now": a link standing alone that invites the
 * reader to follow it. It belongs to the story above it (or the section), never titles one.
 */

const ctaStart =
	/^(?:read|continue reading|keep reading|read (?:the|this|more|full|it|on)|learn more|see more|see all|find out more|more|details|full story|watch|listen|sign up|register|rsvp|subscribe|get started|get it|try it|download|join|apply|view|check it out|go to|open)\b/i;
const arrow = /[→»›⟶➜➔▶]\s*$/u;

/** True when the spans are one link (or a button-like line) whose text is a call to action. */
export function isCallToAction(spans: readonly Span[]): boolean {
	const visible = spans.filter((span) => span.text.trim() !== '');
	if (visible.length === 0 || !visible.every((span) => span.href)) return false;
	const text = plainText(visible).replace(/\s+/g, ' ').trim();
	const words = text.replace(arrow, '').trim().split(' ').length;
	return (ctaStart.test(text) && words <= 5) || (arrow.test(text) && words <= 6);
}
