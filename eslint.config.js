import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformPackages = ['grammy', 'grammy/*', '@grammyjs/*', 'discord.js', '@discordjs/*'];

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
		// The core is platform-neutral: it never reaches for a platform library, a command or an adapter.
		files: ['src/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: platformPackages, message: 'Platform code lives in adapters/ only.' },
						{ group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'The core never imports an adapter.' },
						{ group: ['**/commands/**', '../commands/*', '../../commands/*'], message: 'The core never imports a command.' },
					],
				},
			],
		},
	},
	{
		// Commands produce neutral content; adapters render it.
		files: ['commands/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: platformPackages, message: 'Platform code lives in adapters/ only.' },
						{ group: ['**/adapters/**', '../adapters/*'], message: 'Commands never import an adapter.' },
					],
				},
			],
		},
	},
);
