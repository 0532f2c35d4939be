import { describe, expect, it } from 'vitest';
import { forumPostBody } from '../../../adapters/discord/forum-post.js';

const message = { components: [] };
const tags = [
	{ id: '1', name: 'Research', moderated: false },
	{ id: '2', name: 'policy', moderated: false },
	{ id: '3', name: 'Announcements', moderated: true },
	{ id: '4', name: 'Café', moderated: false },
];

describe('a new issue as a forum post', () => {
	it('when the issue has sections whose words name forum tags, then exactly those tags are applied, whatever their case or accents', () => {
		const body = forumPostBody({ title: 'Issue 12', sections: ['Research & Papers', 'Policy', 'Tools', 'Cafe news'], message }, tags, false);
		expect(body.applied_tags).toEqual(['1', '2', '4']);
	});

	it('when no tag matches, then none is applied, unless the forum requires one: then its first tag the bot may apply', () => {
		expect(forumPostBody({ title: 'x', sections: ['Tools'], message }, tags, false).applied_tags).toBeUndefined();
		expect(forumPostBody({ title: 'x', sections: ['Tools'], message }, [tags[2]!, ...tags], false, true).applied_tags).toEqual(['1']);
		expect(forumPostBody({ title: 'x', sections: ['Policy'], message }, tags, false, true).applied_tags).toEqual(['2']);
	});

	it('when a matching tag is moderated, then it is applied only if the bot may manage threads', () => {
		expect(forumPostBody({ title: 'x', sections: ['Announcements'], message }, tags, false).applied_tags).toBeUndefined();
		expect(forumPostBody({ title: 'x', sections: ['Announcements'], message }, tags, true).applied_tags).toEqual(['3']);
	});

	it('when the title is longer than 100 characters or spread over lines, then the post title is one line of at most 100', () => {
		const body = forumPostBody({ title: `A title\nthat goes on ${'and on '.repeat(30)}`, sections: [], message }, tags, false);
		expect(body.name.length).toBeLessThanOrEqual(100);
		expect(body.name).not.toContain('\n');
		expect(body.name.endsWith('…')).toBe(true);
	});

	it('when more than five tags match, then five are applied', () => {
		const many = Array.from({ length: 8 }, (_, index) => ({ id: String(index), name: `s${index}`, moderated: false }));
		expect(forumPostBody({ title: 'x', sections: many.map((tag) => tag.name), message }, many, false).applied_tags).toHaveLength(5);
	});
});
