import { describe, expect, it } from 'vitest';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { V2ReplyComposer } from '../../../adapters/discord/components-v2/v2-reply-composer.js';
import { componentsV2Problems } from '../../fakes/discord-components-v2.js';
import { allButtons, cardText } from '../../fakes/discord-messages.js';

const stopRow: APIActionRowComponent<APIButtonComponent> = { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Stop', custom_id: 'd1|s|123' }] };

/** Discord's verdict on a card, as the fake gives it: no problems means Discord would accept it. */
const problemsOf = (card: { flags: number; components: unknown[] }) => componentsV2Problems(card as unknown as Record<string, unknown>);

describe('V2ReplyComposer: an answer as Components V2 cards', () => {
	it('when an answer grows word by word, then every read shows all of it so far as valid cards, and the whole in the end', () => {
		const composer = new V2ReplyComposer();
		composer.add({ type: 'heading', level: 2, spans: [{ text: 'Answer' }] });
		composer.add({ type: 'paragraph', spans: [{ text: 'Qwen ' }] });
		let written = 'Qwen';
		for (let index = 0; index < 900; index += 1) {
			composer.add({ type: 'delta', spans: [{ text: `word${index} ` }] });
			written += ` word${index}`;
			if (index % 100 !== 0) continue;
			const cards = composer.messages;
			for (const card of cards) expect(problemsOf(card)).toEqual([]);
			expect(cards.map((card) => cardText(card)).join(' ')).toContain(`word${index}`);
		}
		composer.add({ type: 'actions', actions: [{ label: 'Sources', command: 'sources', args: ['1'] }] });
		const cards = composer.messages;
		expect(cards.length).toBeGreaterThan(1);
		for (const card of cards) expect(problemsOf(card)).toEqual([]);
		expect(cards.map((card) => cardText(card)).join(' ').replace(/\s+/g, ' ')).toContain(written);
		expect(allButtons(cards.at(-1)).map((button) => button.label)).toEqual(['Sources']);
	});

	it('when an answer is longer than ten cards, then it keeps ten and the last one says the rest was cut', () => {
		const composer = new V2ReplyComposer({ cutNote: '_cut here_' });
		for (let index = 0; index < 60; index += 1) composer.add({ type: 'paragraph', spans: [{ text: `Paragraph ${index} `.repeat(120) }] });
		const cards = composer.messages;
		expect(cards).toHaveLength(10);
		expect(cardText(cards.at(-1))).toContain('_cut here_');
		for (const card of cards) expect(problemsOf(card)).toEqual([]);
	});

	it('when a streaming answer shows Stop, then the button sits inside the card, below a full container in one of its own, and a card at a limit is shown as it is', () => {
		const composer = new V2ReplyComposer();
		composer.add({ type: 'paragraph', spans: [{ text: 'Short answer.' }] });
		const [card] = composer.messages;
		const withStop = composer.withRow(card!, stopRow);
		expect(problemsOf(withStop)).toEqual([]);
		expect(withStop.components).toHaveLength(1);
		expect(allButtons(withStop).map((button) => button.customId)).toEqual(['d1|s|123']);
		const tall = new V2ReplyComposer();
		for (let index = 0; index < 10; index += 1) tall.add({ type: 'heading', level: 3, spans: [{ text: `Heading ${index}` }] });
		const [fullContainer] = tall.messages;
		const below = tall.withRow(fullContainer!, stopRow);
		expect(below.components).toHaveLength(2);
		expect(problemsOf(below)).toEqual([]);
		expect(allButtons({ components: [below.components[1]!] }).map((button) => button.customId)).toEqual(['d1|s|123']);
		const crowded = { ...fullContainer!, components: Array.from({ length: 10 }, () => fullContainer!.components[0]!).map((container) => ({ ...container, components: container.components.slice(0, 3) })) };
		expect(problemsOf(crowded)).toEqual([]);
		expect(tall.withRow(crowded, stopRow)).toBe(crowded);
		expect(problemsOf(composer.note('Thinking…', stopRow))).toEqual([]);
	});
});
