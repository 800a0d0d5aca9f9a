import { describe, expect, it } from 'vitest';
import { options, UsageError } from './options';

const spec = { flags: ['dry-run'], values: ['out', 'from'] };

describe('options', () => {
	it('reads positionals, flags and both spellings of a value, and stops at --', () => {
		const parsed = options(
			['a.csv', '--dry-run', '--out', 'x.json', '--from=2026-01-01', '--', '--to'],
			spec
		);
		expect(parsed.positionals).toEqual(['a.csv', '--to']);
		expect([...parsed.flags]).toEqual(['dry-run']);
		expect(Object.fromEntries(parsed.values)).toEqual({ out: 'x.json', from: '2026-01-01' });
	});

	it('takes a value that starts with one dash, and an empty one after =', () => {
		const parsed = options(['--out', '-', '--from='], spec);
		expect(Object.fromEntries(parsed.values)).toEqual({ out: '-', from: '' });
	});

	it.each([
		[['--dryrun'], 'unknown option --dryrun'],
		[['--dry-run=yes'], '--dry-run takes no value'],
		[['--out'], '--out needs a value'],
		[['--out', '--dry-run'], '--out needs a value'],
		[['--out', 'a', '--out=b'], '--out is given twice'],
		[['--bad', '--out'], 'unknown option --bad']
	])('refuses %j: %s', (args, message) => {
		expect(() => options(args, spec)).toThrow(new UsageError(message));
	});
});
