// Structured logs: one JSON line per event. Never pass passwords, tokens or citizens' comments here.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = 'info';

export function setLogLevel(level: Level): void {
	threshold = level;
}

function write(level: Level, event: string, fields: Record<string, unknown>): void {
	if (ORDER[level] < ORDER[threshold] || process.env.SANHSO_SILENT === '1') return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	debug: (event: string, fields: Record<string, unknown> = {}) => write('debug', event, fields),
	info: (event: string, fields: Record<string, unknown> = {}) => write('info', event, fields),
	warn: (event: string, fields: Record<string, unknown> = {}) => write('warn', event, fields),
	error: (event: string, fields: Record<string, unknown> = {}) => write('error', event, fields)
};
