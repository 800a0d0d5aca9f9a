import { describe, it, expect } from 'vitest';
import { parseConfig, ConfigError } from './config';

function problems(env: Record<string, string>): string[] {
	try {
		parseConfig(env);
	} catch (e) {
		if (e instanceof ConfigError) return e.issues;
		throw e;
	}
	return [];
}

describe('configuration', () => {
	it('runs with no variables at all: embedded database in ./data and the demo center', () => {
		const cfg = parseConfig({});
		expect(cfg).toMatchObject({
			DATA_DIR: './data',
			CENTER_ID: 'demo',
			QR_TARGET: 'public',
			DEMO_DATA: true
		});
		expect(cfg.DATABASE_URL).toBeUndefined();
	});

	it('names each bad variable', () => {
		const issues = problems({
			DATABASE_URL: 'mysql://x',
			QR_TARGET: 'phone',
			PUBLIC_URL: 'hcc.example'
		});
		expect(issues).toHaveLength(3);
		expect(issues.find((i) => i.startsWith('DATABASE_URL:'))).toMatch(/postgres/);
		expect(issues.find((i) => i.startsWith('QR_TARGET:'))).toMatch(/public/);
		expect(issues.find((i) => i.startsWith('PUBLIC_URL:'))).toBeDefined();
	});

	it('refuses a portal template without {code} and a center id that could not be a key', () => {
		expect(problems({ PORTAL_SEARCH_TEMPLATE: 'https://x/?q=' })[0]).toMatch(
			/^PORTAL_SEARCH_TEMPLATE: .*\{code\}/
		);
		expect(problems({ CENTER_ID: 'Phường An Phú' })[0]).toMatch(/^CENTER_ID:/);
	});

	it('trims a trailing slash from PUBLIC_URL so QR links have one slash', () => {
		expect(parseConfig({ PUBLIC_URL: 'https://hcc.example.gov.vn/' }).PUBLIC_URL).toBe(
			'https://hcc.example.gov.vn'
		);
	});

	it("checks the center's first-start identity as the settings form does, naming the variable", () => {
		expect(problems({ CENTER_PHONE: 'gọi 0909' })[0]).toMatch(/^CENTER_PHONE: Số điện thoại/);
		expect(
			parseConfig({ CENTER_GOVERNING_BODY: '  UBND  phường An Phú ' }).CENTER_GOVERNING_BODY
		).toBe('UBND phường An Phú');
		expect(parseConfig({}).CENTER_ADDRESS).toBe('');
	});

	it('treats an empty variable as unset', () => {
		expect(parseConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
	});

	it('keeps 14 backups by default and refuses a count that is not a whole number of at least one', () => {
		expect(parseConfig({}).BACKUP_KEEP).toBe(14);
		expect(parseConfig({ BACKUP_KEEP: '3', BACKUP_DIR: '/srv/backups' })).toMatchObject({
			BACKUP_KEEP: 3,
			BACKUP_DIR: '/srv/backups'
		});
		for (const bad of ['0', '-2', '1.5', 'mười'])
			expect(problems({ BACKUP_KEEP: bad })[0]).toMatch(/^BACKUP_KEEP:/);
	});

	it('bounds a device count per hour at 3600 by default; a bad ceiling names DEVICE_COUNT_MAX_PER_HOUR', () => {
		expect(parseConfig({}).DEVICE_COUNT_MAX_PER_HOUR).toBe(3600);
		expect(parseConfig({ DEVICE_COUNT_MAX_PER_HOUR: '500' }).DEVICE_COUNT_MAX_PER_HOUR).toBe(500);
		for (const bad of ['0', '-1', '2.5', 'nhiều', '1000000000'])
			expect(problems({ DEVICE_COUNT_MAX_PER_HOUR: bad })[0]).toMatch(
				/^DEVICE_COUNT_MAX_PER_HOUR: must be a whole number/
			);
	});

	it('the session idle timeout is 12 hours unless SESSION_IDLE_HOURS says otherwise', () => {
		expect(parseConfig({}).SESSION_IDLE_HOURS).toBe(12);
		expect(parseConfig({ SESSION_IDLE_HOURS: '2' }).SESSION_IDLE_HOURS).toBe(2);
		expect(problems({ SESSION_IDLE_HOURS: 'nửa ngày' })[0]).toMatch(/^SESSION_IDLE_HOURS:/);
	});

	it('checks the proxy settings adapter-node reads, naming the variable', () => {
		expect(parseConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toMatchObject({
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: 2
		});
		expect(parseConfig({}).ADDRESS_HEADER).toBeUndefined();
		expect(problems({ ADDRESS_HEADER: 'x forwarded for' })[0]).toMatch(
			/^ADDRESS_HEADER: must be a header name/
		);
		expect(problems({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' })[0]).toMatch(
			/^XFF_DEPTH: must be a whole number/
		);
		expect(problems({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'hai' })[0]).toMatch(
			/^XFF_DEPTH:/
		);
		expect(problems({ XFF_DEPTH: '1' })[0]).toBe(
			'XFF_DEPTH: is only used with ADDRESS_HEADER=x-forwarded-for'
		);
	});

	it('takes a read replica beside DATABASE_URL, and refuses one without it or that is no PostgreSQL URL', () => {
		const primary = 'postgres://sanhso@db.internal/sanhso';
		const replica = 'postgresql://sanhso@replica.internal/sanhso';
		expect(parseConfig({ DATABASE_URL: primary, READ_DATABASE_URL: replica })).toMatchObject({
			DATABASE_URL: primary,
			READ_DATABASE_URL: replica
		});
		expect(parseConfig({ DATABASE_URL: primary }).READ_DATABASE_URL).toBeUndefined();
		expect(problems({ READ_DATABASE_URL: replica })).toEqual([
			'READ_DATABASE_URL: is a replica of DATABASE_URL: set DATABASE_URL (PostgreSQL) too, or unset READ_DATABASE_URL'
		]);
		expect(problems({ DATABASE_URL: primary, READ_DATABASE_URL: 'replica.internal' })[0]).toBe(
			'READ_DATABASE_URL: must be a postgres:// or postgresql:// URL'
		);
	});
});
