/** Builds digest Markdown from a few facts, so tests state only what they care about. */
export interface StoryFixture {
	readonly title: string;
	readonly text?: string;
	readonly why?: string;
	readonly cites?: readonly number[];
}

export interface DigestFixture {
	readonly title?: string;
	readonly date?: string | null;
	readonly top?: readonly StoryFixture[];
	readonly sections?: Readonly<Record<string, readonly StoryFixture[]>>;
	readonly sources?: number;
}

export function buildDigest(fixture: DigestFixture): string {
	const lines: string[] = [`# ${fixture.title ?? 'Test Digest'}`, ''];
	if (fixture.date !== null) lines.push(fixture.date ?? '2026-04-01', '');
	lines.push('A lead paragraph that says what this issue covers, long enough to read as prose.', '');
	if (fixture.top && fixture.top.length > 0) {
		lines.push('## Top Stories', '');
		fixture.top.forEach((story, index) => {
			lines.push(`### ${index + 1}) ${story.title}`, '');
			if (story.why) lines.push(`*Why it matters:* ${story.why}`, '');
			lines.push(`${story.text ?? `Body of ${story.title}.`}${cites(story)}`, '');
		});
	}
	for (const [section, stories] of Object.entries(fixture.sections ?? {})) {
		lines.push(`## ${section}`, '');
		for (const story of stories) lines.push(`- **${story.title}:** ${story.text ?? 'details follow.'}${cites(story)}`);
		lines.push('');
	}
	if (fixture.sources) {
		lines.push('## Sources', '');
		for (let number = 1; number <= fixture.sources; number += 1) lines.push(`${number}. [Source ${number}](https://example.com/s/${number})`);
	}
	return `${lines.join('\n')}\n`;
}

function cites(story: StoryFixture): string {
	return story.cites && story.cites.length > 0 ? ` [${story.cites.join(', ')}]` : '';
}
