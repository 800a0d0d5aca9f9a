// Backups and restore: a logical copy of every table that reads the same on PGlite and PostgreSQL (so a center can
// also move from one to the other), written daily into the backup folder and restored by the CLI.
export { writeBackup, type Written } from './dump';
export { restore, RestoreRefused, type Restored } from './restore';
export { BackupFileError, readHeader, type Header } from './format';
export { backupDir, backupNow, startAutomaticBackups, type BackupFile } from './automatic';
