// `dossiers import FILE [--source NAME]`: checks a dossier export whole and upserts it, printing what it added and
// updated per source. Unknown headers use the source's mapping remembered from /admin/dossiers.
import { readFile } from 'node:fs/promises';
import * as dossiers from '$lib/server/dossiers';
import { sourceNameSchema } from '$lib/schemas/dossiers';
import { InputError, options, UsageError, userPath } from '../options';
import type { Command } from './types';

/** Enough to fix a file by; the count says how many more there are. */
const ERRORS_SHOWN = 50;

export const dossiersImport: Command = {
	name: 'dossiers import',
	usage: `dossiers import FILE [--source NAME]`,
	summary: `import dossiers (hồ sơ) from a CSV or XLSX export; --source names the system they come from (default "${dossiers.DEFAULT_SOURCE}")`,
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['source'] });
		if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
		const name = sourceNameSchema.safeParse(values.get('source') ?? dossiers.DEFAULT_SOURCE);
		if (!name.success)
			throw new UsageError(`--source: ${name.error.issues[0]?.message ?? 'bad name'}`);
		const source = name.data;
		const file = userPath(positionals[0]);
		const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
			throw new InputError(
				`Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`
			);
		});
		return async ({ io, cfg }) => {
			const outcome = await dossiers.importFile(cfg.CENTER_ID, bytes, file, { source });
			if (!outcome.ok) {
				if (outcome.kind === 'mapping') {
					io.err(
						`${file} was rejected; nothing was written. Columns not found: ${outcome.missing.join(', ')}.`
					);
					io.err(`The file's headers: ${outcome.headers.join(', ')}.`);
					io.err(
						`Rename those headers, or map them once for source "${source}" on /admin/dossiers: the mapping is then remembered.`
					);
					return 1;
				}
				io.err(`${file} was rejected; nothing was written. ${outcome.errors.length} error(s):`);
				for (const message of outcome.errors.slice(0, ERRORS_SHOWN)) io.err(`  ${message}`);
				if (outcome.errors.length > ERRORS_SHOWN)
					io.err(`  … and ${outcome.errors.length - ERRORS_SHOWN} more.`);
				return 1;
			}
			io.out(`Imported ${outcome.rows} dossiers from ${file} into center ${cfg.CENTER_ID}.`);
			const width = Math.max(...outcome.bySource.map((b) => b.source.length));
			for (const b of outcome.bySource) {
				io.out(
					`${b.source.padEnd(width)}  added ${b.added}, updated ${b.updated}, unchanged ${b.unchanged}`
				);
			}
			if (outcome.unused.length > 0) io.out(`Columns not used: ${outcome.unused.join(', ')}`);
			return 0;
		};
	}
};
