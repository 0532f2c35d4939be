import { describe, expect, it } from 'vitest';
import { DigestParseError } from '../../src/errors/digest-parse-error.js';
import { parseIssue } from '../../src/parser/parse-issue.js';

const reasonFor = (input: string | Uint8Array): string => {
	try {
		parseIssue(input, { file: 'x.md' });
	} catch (error) {
		if (error instanceof DigestParseError) return error.reason;
		throw error;
	}
	return 'accepted';
};

describe('when a file is no digest', () => {
	it('then an empty or blank file is rejected as empty', () => {
		expect(reasonFor('')).toBe('empty');
		expect(reasonFor(' \n\n\t\n')).toBe('empty');
	});

	it('then binary bytes and invalid UTF-8 are rejected as binary', () => {
		expect(reasonFor(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe('binary');
		expect(reasonFor(new Uint8Array([0x23, 0x20, 0xff, 0xfe, 0x41]))).toBe('binary');
	});

	it('then JSON, an HTML page or prose without stories is rejected as not Markdown', () => {
		expect(reasonFor('{"title": "x", "stories": []}')).toBe('not-markdown');
		expect(reasonFor('<html><body><div>Hello</div></body></html>')).toBe('not-markdown');
		expect(reasonFor('Just a note to myself, no headings and no list.')).toBe('not-markdown');
	});

	it('then the error message names the file', () => {
		expect(() => parseIssue('', { file: 'digests/broken.md' })).toThrow('digests/broken.md: the file is empty');
	});
});
