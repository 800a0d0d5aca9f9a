// Backups and restore: a logical copy of every table that reads the same on PGlite and PostgreSQL (so a center can
// also move from one to the other), written daily into the backup folder and restored by the CLI.
export { writeBackup } from './dump';
export { restore, RestoreRefused } from './restore';
export { BackupFileError, readHeader } from './format';
export { backupDir, backupNow, startAutomaticBackups } from './automatic';
export { CenterMoveRefused, exportCenter, importCenter } from './center';
