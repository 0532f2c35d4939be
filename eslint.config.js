import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Every dependency rule of ARCHITECTURE.md is one of the rules below, so a wrong import fails
 * `npm run lint` instead of waiting for a reviewer. Paths are resolved to files (TypeScript's
 * resolution, `.js` specifiers to `.ts` sources) before they are compared, so a rule holds
 * however the import is spelled.
 */

const telegramPackages = ['grammy', 'grammy/*', '@grammyjs/*'];
const discordPackages = ['discord.js', '@discordjs/*'];
const platformPackages = [...telegramPackages, ...discordPackages];

/**
 * The core's layers, bottom up. A folder of src/ imports only from its own layer or below:
 * the leaves import nothing of src/, HTTP is a door that knows nothing of publishing, the
 * command layer sits on the services it calls, and publishing (the orchestration of planner,
 * queue and watcher) on everything else. cli.ts is an entry point like adapters/main.ts.
 */
const coreLayers = [
	['errors', 'text', 'content', 'sync', 'logger.ts'],
	['model', 'config', 'store', 'i18n', 'subscriptions'],
	['parser', 'schedule', 'publications'],
	['archive'],
	['ingest', 'present', 'feeds', 'readers', 'ask'],
	['delivery', 'metrics', 'http'],
	['command'],
	['publish'],
	['cli.ts'],
];

/** One zone per layer: its folders may not import any folder of a layer above; the leaves (layer 0) import nothing of src/ at all. */
function layerZones() {
	const leaves = coreLayers[0].map((leaf) => ({ target: `./src/${leaf}`, from: './src', except: [`./${leaf}`], message: `src/${leaf} is a leaf of ARCHITECTURE.md's layers: it imports nothing of src/.` }));
	return [...leaves, ...coreLayers.flatMap((layer, index) => {
		const above = coreLayers.slice(index + 1).flat();
		if (above.length === 0) return [];
		return layer.map((folder) => ({
			target: `./src/${folder}`,
			from: above.map((name) => `./src/${name}`),
			message: `src/${folder} is in layer ${index} of ARCHITECTURE.md; it may not import a layer above it (${above.join(', ')}).`,
		}));
	})];
}

/**
 * src/delivery by job (ARCHITECTURE.md): its ports and the per-job step at the top, two engines
 * that drive the step, and three parts of the step. An engine never imports the other; a part
 * imports only the top (never an engine or another part); the top never imports an engine.
 */
const deliveryParts = ['limits', 'slots', 'corrections'];
function deliveryZones() {
	const engines = ['keyv', 'bullmq'];
	return [
		...engines.map((engine) => ({ target: `./src/delivery/engines/${engine}`, from: engines.filter((other) => other !== engine).map((other) => `./src/delivery/engines/${other}`), message: 'One delivery engine never imports the other; what they share is the step at the top of src/delivery.' })),
		...deliveryParts.map((part) => ({
			target: `./src/delivery/${part}`,
			from: ['./src/delivery/engines', ...deliveryParts.filter((other) => other !== part).map((other) => `./src/delivery/${other}`)],
			message: `src/delivery/${part} is a part of the delivery step: it imports only the ports at the top of src/delivery, never an engine or another part.`,
		})),
		{ target: './src/delivery/*.ts', from: './src/delivery/engines', message: 'The ports and the step at the top of src/delivery never import an engine: the engines drive them.' },
	];
}

const platformFolders = ['telegram', 'discord', 'console'];

export default tseslint.config(
	{ ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		// Folder rules, resolved to real files.
		files: ['src/**/*.ts', 'commands/**/*.ts', 'adapters/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: {
			// Parse imported .ts files too, so no-cycle can follow them.
			'import-x/extensions': ['.ts', '.js'],
			'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
			'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${import.meta.dirname}/tsconfig.json` })],
		},
		rules: {
			// A cycle makes start-up order matter and hides which layer a module belongs to. Type-only imports do not count: they vanish at run time.
			'import-x/no-cycle': ['error', { ignoreExternal: true }],
			'import-x/no-restricted-paths': [
				'error',
				{
					basePath: import.meta.dirname,
					zones: [
						// adapters/ → commands/ → src/, never back.
						{ target: './src', from: './adapters', message: 'The core never imports an adapter.' },
						{ target: './src', from: './commands', message: 'The core never imports a command.' },
						{ target: './commands', from: './adapters', message: 'Commands never import an adapter.' },
						// An adapter never imports another; what they share lives in adapters/*.ts, which imports none of them.
						...platformFolders.map((platform) => ({
							target: `./adapters/${platform}`,
							from: platformFolders.filter((other) => other !== platform).map((other) => `./adapters/${other}`),
							message: 'An adapter never imports another adapter; shared adapter code lives in adapters/*.ts.',
						})),
						{ target: './adapters/!(main).ts', from: platformFolders.map((platform) => `./adapters/${platform}`), message: 'Shared adapter code imports no platform adapter; only the composition root (adapters/main.ts) knows them all.' },
						// The reply pipeline is shared: a platform plugs in a packer and a surface, the pipeline never reaches for one.
						{ target: './adapters/reply', from: [...platformFolders.map((platform) => `./adapters/${platform}`), './adapters/main.ts'], message: 'The reply pipeline (adapters/reply/) imports no platform adapter: a platform supplies its packer and surface.' },
						{ target: './adapters/*/**', from: './adapters/main.ts', message: 'Nothing imports the composition root.' },
						...layerZones(),
						...deliveryZones(),
					],
				},
			],
		},
	},
	{
		// The core is platform-neutral: it never reaches for a platform library.
		files: ['src/**/*.ts', 'commands/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: platformPackages, message: 'Platform code lives in adapters/<platform>/ only.' }] }] },
	},
	{
		// Each adapter uses its own platform's library and no other's.
		files: ['adapters/telegram/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: discordPackages, message: 'discord.js belongs to adapters/discord/.' }] }] },
	},
	{
		files: ['adapters/discord/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: telegramPackages, message: 'grammY belongs to adapters/telegram/.' }] }] },
	},
	{
		files: ['adapters/console/**/*.ts', 'adapters/*.ts', 'adapters/reply/**/*.ts'],
		ignores: ['adapters/main.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [{ group: platformPackages, message: 'Platform code lives in adapters/<platform>/ only.' }] }] },
	},
);
