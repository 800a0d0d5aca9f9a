// Backup test support: a center with something in every table, made through the modules that make it in real use,
// and a reading of every row of a database to compare two of them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ratingSettingsSchema } from '$lib/schemas/devices';
import type { RatingInput } from '$lib/schemas/sync';
import type { ThroughputRow } from '$lib/domain/throughput';
import type { Db } from '../db';
import * as auth from '../auth';
import * as apiTokens from '../auth/api-tokens';
import * as users from '../auth/users';
import * as catalogue from '../catalogue';
import * as center from '../center';
import * as devices from '../devices';
import * as voids from '../devices/voids';
import * as posted from '../catalogue/posted';
import * as staffPin from '../devices/pin';
import * as dossiers from '../dossiers';
import * as publicity from '../publicity';
import * as settings from '../reports/settings';
import { buildReport } from '../reports';
import { customPeriod } from '$lib/domain/periods';
import * as indexRules from '../reports/index-rules';
import { RULES_766 } from '$lib/domain/service-index';
import * as sync from '../sync';
import { rating as makeRating } from '../sync/testing';
import { quote, tables } from './catalog';
import { pairTestDevice } from '../devices/testing';

export const PASSWORD = 'mat-khau-dai-du-8';
/** The period everything below falls in: a seeds' month, 15 March to 14 April 2026. */
export const FROM = '2026-03-15';
export const TO = '2026-04-14';
const T0 = Date.parse('2026-04-01T02:00:00Z');

const figures = (received: number, resolved: number): ThroughputRow => ({
	received: { total: received, online: 0, direct: received, carriedOver: 0 },
	resolved: { total: resolved, early: 0, onTime: resolved, late: 0, rejected: 0, withdrawn: 0 },
	pending: { total: received - resolved, onTime: received - resolved, overdue: 0, supplement: 0 }
});

const rating = (over: Partial<RatingInput>): RatingInput => makeRating({ ratedAt: T0, ...over });

async function pairDevice(
	centerId: string,
	name: string,
	kind: 'kiosk' | 'counter'
): Promise<devices.Device> {
	const paired = await pairTestDevice(name, { centerId, kind, field: null, now: new Date(T0) });
	return paired.device;
}

export interface Made {
	/** A session token handed out before the backup: it must still sign the manager in after a restore. */
	sessionToken: string;
}

/** Ratings (one flagged), dossiers, figures typed by hand, devices (one revoked), users, a session, an API token,
 * a catalogue with scans and views (so counter_days is filled by its triggers), and changed settings. */
export async function makeCenterData(centerId: string): Promise<Made> {
	const admin = await users.create(centerId, {
		username: 'quantri',
		password: PASSWORD,
		role: 'admin'
	});
	await users.create(centerId, { username: 'xem', password: PASSWORD, role: 'viewer' });
	await auth.login({ username: 'quantri', password: 'sai-mat-khau' }, '10.0.0.7');
	const login = await auth.login({ username: 'quantri', password: PASSWORD }, '10.0.0.8');
	if (!login.ok) throw new Error(login.message);
	await apiTokens.create(centerId, 'Hệ thống tổng hợp thành phố', admin.id);

	const csv = (await readFile(path.resolve('demo/tthc-catalogue.csv'), 'utf8'))
		.split('\n')
		.slice(0, 41)
		.join('\n');
	const imported = await catalogue.importFile(
		centerId,
		new TextEncoder().encode(csv),
		'catalogue.csv'
	);
	if (!imported.ok) throw new Error(imported.errors.join('; '));
	const codes = imported.diff.added.slice(0, 3).map((p) => p.code);
	for (const [i, code] of codes.entries())
		for (let n = 0; n <= i; n++)
			await catalogue.countScan(centerId, code, new Date(T0 + n * 3_600_000));

	await devices.saveSettings(
		centerId,
		ratingSettingsSchema.parse({ scale: 3, satisfiedLevels: ['rat_hai_long'], minIntervalS: 7 })
	);
	await devices.setStaffPin(centerId, '246813');
	await settings.saveTargets(centerId, { overall: 92, rules: [{ match: 'Đất đai', target: 85 }] });
	// The host name the center answers on in a city deployment.
	const hosts = await center.setHosts(centerId, [`${centerId}.hcmc.gov.vn`]);
	if (!hosts.ok) throw new Error(hosts.message);
	// A version of the service-index weights, added as an admin does when the rules change.
	await indexRules.add(
		{
			...RULES_766,
			version: '766-2026-04',
			source: 'Văn bản thử',
			inForceFrom: '2026-04-01',
			indicators: { ...RULES_766.indicators, on_time: { max: 18, fullFrom: null } }
		},
		'quantri'
	);
	const tablet = await pairDevice(centerId, 'Quầy 3', 'counter');
	const kiosk = await pairDevice(centerId, 'Ki-ốt sảnh', 'kiosk');
	const old = await pairDevice(centerId, 'Máy cũ', 'counter');
	await devices.revoke(centerId, old.id, new Date(T0));
	await staffPin.check(tablet, '111111', new Date(T0)); // a wrong PIN: the tablet's wait is data too
	const ratings = [
		rating({ level: 'rat_hai_long', ticket: 'A001' }),
		rating({
			level: 'khong_hai_long',
			reasons: ['thoi_gian_cho'],
			comment: 'Chờ hơi lâu',
			ratedAt: T0 + 60_000
		}),
		rating({ ratedAt: T0 + 62_000 }), // 2 s after the previous one: flagged too_soon
		rating({ field: 'Đất đai', ratedAt: T0 + 86_400_000 })
	];
	const hour = Math.floor(T0 / 3_600_000) * 3_600_000;
	const counts = [
		{ hour, kind: 'view', key: codes[0], count: 4 },
		{ hour: hour + 3_600_000, kind: 'qr', key: codes[1], count: 2 }
	];
	const device = { appVersion: 'test', backlog: 0, persistent: true };
	// Sent two days later, so no rating is dated after its receipt (which would move it back to T0): the times above
	// hold, and the unhappy rating with its reason is counted.
	const sent = T0 + 2 * 86_400_000;
	await sync.ingest(tablet, { sentAt: sent, device, ratings, counts: [] }, new Date(sent));
	await sync.ingest(kiosk, { sentAt: T0, device, ratings: [], counts }, new Date(T0));
	// A resend with a higher count: the trigger adds only the difference to the day's sum.
	await sync.ingest(
		kiosk,
		{ sentAt: T0, device, ratings: [], counts: [{ ...counts[0], count: 6 }] },
		new Date(T0)
	);
	// A void of the kiosk's counts (for days it sent none) and a phone's scan, so their tables have a row each.
	await voids.create(
		centerId,
		{ deviceId: kiosk.id, from: '2026-01-01', to: '2026-01-02', reason: 'Thử' },
		admin.id,
		new Date(T0)
	);
	await publicity.openProcedure(centerId, codes[0], { at: new Date(T0), clients: ['phone'] });
	// The posted list's choices: a field with its counter and pinned, a single procedure hidden.
	const field = imported.diff.added[0].field;
	await posted.setCounter(centerId, field, '3');
	await posted.movePinned(centerId, field, 'pin');
	await posted.setProcedure(centerId, codes[1], false);

	const header =
		'ma_ho_so,ma_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';
	const lines = [
		'HS-1,,Hộ tịch,truc_tuyen,2026-03-16,2026-03-20,2026-03-18,da_tra_ket_qua',
		'HS-2,,Hộ tịch,truc_tiep,2026-03-17,2026-03-20,2026-03-25,da_tra_ket_qua',
		'HS-3,,Đất đai,truc_tiep,2026-03-20,2026-05-20,,dang_xu_ly',
		'HS-4,,Đất đai,buu_chinh,2026-03-01,2026-03-30,,yeu_cau_bo_sung'
	];
	const outcome = await dossiers.importFile(
		centerId,
		new TextEncoder().encode([header, ...lines].join('\n')),
		'mot-cua.csv'
	);
	if (!outcome.ok) throw new Error('dossier import failed');
	await dossiers.saveManualFigures(
		centerId,
		'BHXH cơ sở',
		FROM,
		TO,
		[{ field: 'Bảo hiểm xã hội', row: figures(62, 60) }],
		admin.id
	);
	// A report viewed: its dossier counts are kept (kept_counts) under the data's stamp.
	if (!(await buildReport(centerId, customPeriod(FROM, TO)))) throw new Error('no report');
	return { sessionToken: login.session.token };
}

/** Every row of every table, as JSON text in a fixed time zone, sorted: two databases with equal readings hold the same. */
export async function everyRow(db: Db): Promise<Record<string, string[]>> {
	return db.transaction(async (tx) => {
		await tx.query(`SET LOCAL TIME ZONE 'UTC'`);
		const out: Record<string, string[]> = {};
		for (const t of await tables(tx)) {
			out[t.name] = (
				await tx.query<{ j: string }>(
					`SELECT row_to_json(x)::text AS j FROM ${quote(t.name)} x ORDER BY 1`
				)
			).map((r) => r.j);
		}
		return out;
	});
}
