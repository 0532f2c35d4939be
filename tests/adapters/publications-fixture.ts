import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { Archive } from '../../src/archive/archive.js';
import { createKeyvIssueStore } from '../../src/archive/issue-store.js';
import { ingestDirectory } from '../../src/ingest/ingest.js';
import { createPublicationCatalogue, type PublicationCatalogue } from '../../src/publications/publication-catalogue.js';
import { createPublicationSources } from '../../src/publications/publication-sources.js';
import { buildDigest } from '../builders/digest-builder.js';

/** The longest slug a publication may have (src/publications: 32 characters), for the platforms' length limits. */
export const longSlug = 'the-longest-publication-slug-032';

/** A bot's archive with several publications, as `DIGEST_DIR/<slug>/` sub-folders and `PUBLICATIONS` name them. */
export interface SeveralPublications {
	readonly archive: Archive;
	readonly publications: PublicationCatalogue;
	/** Removes the digest folder. */
	cleanup(): Promise<void>;
}

/**
 * Three publications whose latest issues share a date, so every id but the first is filed under
 * its publication's slug (`react-2026-04-08`): rust and react (both with an "async" story, and
 * an older issue each, so numbers exist per publication) and one with the longest slug allowed.
 */
export async function startSeveralPublications(): Promise<SeveralPublications> {
	const folder = await mkdtemp(join(tmpdir(), 'digestbot-pub-ui-'));
	const files: Record<string, string> = {
		'rust/2026-04-01.md': buildDigest({ title: 'This Week in Rust 500', date: '2026-04-01', top: [{ title: 'Cargo learns a new trick' }] }),
		'rust/2026-04-08.md': buildDigest({ title: 'This Week in Rust 501', date: '2026-04-08', top: [{ title: 'Async closures land in stable', why: 'Rust async code gets simpler.' }, { title: 'The borrow checker gets faster' }] }),
		'react/2026-04-01.md': buildDigest({ title: 'React Status 400', date: '2026-04-01', top: [{ title: 'Hooks revisited' }] }),
		'react/2026-04-08.md': buildDigest({ title: 'React Status 401', date: '2026-04-08', top: [{ title: 'Async rendering arrives in React', why: 'React async UI gets smoother.' }, { title: 'Server components explained' }] }),
		[`${longSlug}/2026-04-08.md`]: buildDigest({ title: 'Long Slug Weekly 1', date: '2026-04-08', top: [{ title: 'A story from the long-slug publication' }] }),
	};
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(folder, path, '..'), { recursive: true });
		await writeFile(join(folder, path), text);
	}
	const entries = [
		{ slug: 'rust', name: 'This Week in Rust' },
		{ slug: 'react', name: 'React Status' },
		{ slug: longSlug, name: 'Long Slug Weekly' },
	];
	const sources = createPublicationSources({ digestDir: folder, entries });
	const archive = new Archive(createKeyvIssueStore(new Keyv()), { publicationOf: sources.of });
	await ingestDirectory(archive, folder);
	const publications = createPublicationCatalogue({ issues: archive, entries, defaultSlug: sources.defaultSlug });
	return { archive, publications, cleanup: () => rm(folder, { recursive: true, force: true }) };
}
