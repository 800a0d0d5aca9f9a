// `backup [--out FILE]` and `restore FILE [--force]`: a consistent backup of the whole database while it is in use,
// and its restore into a stopped or empty installation (all of it, or nothing); `center export|import`, the same for one
// center moving between deployments (from its own box into a city's).
import { access } from 'node:fs/promises';
import path from 'node:path';
import { centerIdSchema } from '$lib/schemas/center';
import * as backups from '$lib/server/backup';
import { InputError, options, UsageError, userPath } from '../options';
import type { Command } from './types';

const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function exists(file: string): Promise<boolean> {
	return access(file).then(
		() => true,
		() => false
	);
}

export const backup: Command = {
	name: 'backup',
	deployment: true,
	usage: 'backup [--out FILE]',
	summary:
		'write a backup of the whole database (the server may keep running); by default into the backup folder, which keeps BACKUP_KEEP',
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['out'] });
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const out = values.has('out') ? userPath(values.get('out') ?? '') : undefined;
		if (out && (await exists(out)))
			throw new InputError(`${out} already exists; nothing was written. Choose another name.`);
		return async ({ io, db, cfg }) => {
			if (out) {
				const written = await backups.writeBackup(db, out);
				io.out(
					`Backup written: ${out} (${size(written.bytes)}, ${written.rows} rows in ${written.header.tables.length} tables).`
				);
				return 0;
			}
			const written = await backups.backupNow(cfg, { db });
			if (!written) {
				io.err(
					'Another instance is writing a backup right now; nothing was written. Try again in a minute.'
				);
				return 1;
			}
			io.out(
				`Backup written: ${path.join(backups.backupDir(cfg), written.name)} (${size(written.bytes)}). The folder keeps the newest ${cfg.BACKUP_KEEP}.`
			);
			return 0;
		};
	}
};

export const restore: Command = {
	name: 'restore',
	deployment: true,
	usage: 'restore FILE [--force]',
	summary:
		'replace the database with a backup: stop the server first; refused over existing data unless --force',
	async prepare(args) {
		const { positionals, flags } = options(args, { flags: ['force'] });
		if (positionals.length !== 1) throw new UsageError('give exactly one backup file');
		const file = userPath(positionals[0]);
		if (!(await exists(file))) throw new InputError(`${file} does not exist; nothing was changed.`);
		const header = await backups.readHeader(file).catch((e: unknown) => {
			throw new InputError(
				`${file} is not a Sảnh số backup: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`
			);
		});
		return async ({ io, db, cfg }) => {
			io.out(`Restoring ${file}, made ${header.createdAt} on ${header.engine}…`);
			try {
				const restored = await backups.restore(db, file, { force: flags.has('force') });
				io.out(`Restored ${restored.rows} rows in ${restored.header.tables.length} tables.`);
				if (!restored.centers.includes(cfg.CENTER_ID)) {
					io.err(
						`Warning: the backup holds center(s) ${restored.centers.join(', ')}, but CENTER_ID is ${cfg.CENTER_ID}: set CENTER_ID to the center restored before starting the server.`
					);
				}
				return 0;
			} catch (e) {
				if (!(e instanceof backups.RestoreRefused || e instanceof backups.BackupFileError)) throw e;
				io.err(
					`${e instanceof backups.BackupFileError ? `${file} cannot be restored: ` : ''}${e.message}${e.message.includes('Nothing was changed') ? '' : ' Nothing was changed.'}`
				);
				return 1;
			}
		};
	}
};

export const centerExport: Command = {
	name: 'center export',
	deployment: true,
	usage: 'center export ID --out FILE',
	summary:
		"write one center's data to a file (the server may keep running), to load into another deployment with `center import`",
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['out'] });
		if (positionals.length !== 1) throw new UsageError('give the center code: center export ID');
		if (!values.has('out')) throw new UsageError('--out FILE is required');
		const out = userPath(values.get('out') ?? '');
		if (await exists(out))
			throw new InputError(`${out} already exists; nothing was written. Choose another name.`);
		const id = centerIdSchema.safeParse(positionals[0]);
		if (!id.success) throw new UsageError(`no center can be named ${positionals[0]}`);
		return async ({ io, db }) => {
			try {
				const written = await backups.exportCenter(db, id.data, out);
				io.out(`Center ${id.data} written: ${out} (${size(written.bytes)}, ${written.rows} rows).`);
				return 0;
			} catch (e) {
				if (!(e instanceof backups.CenterMoveRefused)) throw e;
				io.err(`${e.message} Nothing was written.`);
				return 1;
			}
		};
	}
};

export const centerImport: Command = {
	name: 'center import',
	deployment: true,
	usage: 'center import FILE [--replace] [--without-users]',
	summary:
		"load one center's export beside the centers this database holds; refused over the center's data unless --replace",
	async prepare(args) {
		const { positionals, flags } = options(args, { flags: ['replace', 'without-users'] });
		if (positionals.length !== 1) throw new UsageError('give exactly one export file');
		const file = userPath(positionals[0]);
		if (!(await exists(file))) throw new InputError(`${file} does not exist; nothing was changed.`);
		const header = await backups.readHeader(file).catch((e: unknown) => {
			throw new InputError(
				`${file} is not a Sảnh số export: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`
			);
		});
		return async ({ io, db }) => {
			io.out(`Importing center ${header.center ?? '?'} from ${file}, made ${header.createdAt}…`);
			try {
				const imported = await backups.importCenter(db, file, {
					replace: flags.has('replace'),
					withoutUsers: flags.has('without-users')
				});
				io.out(`Imported center ${imported.center}: ${imported.rows} rows.`);
				return 0;
			} catch (e) {
				if (!(e instanceof backups.RestoreRefused || e instanceof backups.BackupFileError)) throw e;
				io.err(
					`${e instanceof backups.BackupFileError ? `${file} cannot be imported: ` : ''}${e.message}${e.message.includes('Nothing was changed') ? '' : ' Nothing was changed.'}`
				);
				return 1;
			}
		};
	}
};
