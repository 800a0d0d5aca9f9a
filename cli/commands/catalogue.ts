// `catalogue import FILE [--dry-run] [--confirm-hosts]`: validates a catalogue file, prints what it adds, changes and
// removes, applies it. Addresses off the national portal are listed, and applied only with --confirm-hosts.
import { readFile } from 'node:fs/promises';
import * as catalogue from '$lib/server/catalogue';
import { InputError, options, UsageError, userPath } from '../options';
import type { Command } from './types';

const SHOWN = 5;

function firstFew(codes: string[]): string {
	if (codes.length === 0) return '';
	const more = codes.length > SHOWN ? `, … (+${codes.length - SHOWN})` : '';
	return `  ${codes.slice(0, SHOWN).join(', ')}${more}`;
}

export const catalogueImport: Command = {
	name: 'catalogue import',
	usage: 'catalogue import FILE [--dry-run] [--confirm-hosts]',
	summary:
		'import the procedure catalogue from a CSV, JSON or XLSX file; --dry-run only shows the changes; --confirm-hosts applies addresses off the national portal',
	async prepare(args) {
		const { positionals, flags } = options(args, { flags: ['dry-run', 'confirm-hosts'] });
		if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
		const file = userPath(positionals[0]);
		const dryRun = flags.has('dry-run');
		const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
			throw new InputError(
				`Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`
			);
		});
		return async ({ io, cfg }) => {
			const outcome = await catalogue.importFile(cfg.CENTER_ID, bytes, file, {
				dryRun,
				confirmHosts: flags.has('confirm-hosts')
			});
			if (!outcome.ok) {
				io.err(`${file} was rejected; nothing was written. ${outcome.errors.length} error(s):`);
				for (const message of outcome.errors) io.err(`  ${message}`);
				return 1;
			}
			const { added, changed, removed, unchanged } = outcome.diff;
			io.out(
				dryRun
					? `Dry run of ${file}: nothing was written.`
					: `Imported ${file} into center ${cfg.CENTER_ID}.`
			);
			io.out(`added:     ${added.length}${firstFew(added.map((p) => p.code))}`);
			io.out(
				`changed:   ${changed.length}${firstFew(changed.map((c) => `${c.after.code} (${c.fields.join(', ')})`))}`
			);
			io.out(
				`removed:   ${removed.length}${firstFew(removed.map((p) => p.code))}${removed.length ? '  (marked abolished)' : ''}`
			);
			io.out(`unchanged: ${unchanged}`);
			io.out(`rows read: ${outcome.rows}`);
			if (outcome.foreign.length > 0) {
				io.out(
					`${outcome.foreign.length} address(es) off the national portal${dryRun ? ' (apply with --confirm-hosts)' : ''}:`
				);
				for (const f of outcome.foreign.slice(0, 20))
					io.out(`  line ${f.line}, ${f.code}: ${f.url}`);
			}
			return 0;
		};
	}
};
