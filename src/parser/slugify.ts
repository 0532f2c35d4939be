import { createHash } from 'node:crypto';

/**
 * A URL- and key-safe id for an undated issue. Titles in scripts with no Latin letters would
 * slug to nothing, so a short hash of the title stands in for them.
 */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '');
	return slug.length >= 3 ? slug : `issue-${createHash('sha256').update(title).digest('hex').slice(0, 10)}`;
}
