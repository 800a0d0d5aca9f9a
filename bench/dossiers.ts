// Dossier import (issue 4): a year of a large ward's one-stop export, 60,000 rows of CSV, from the file's bytes to
// the transaction committed (reading, checking every row, the upsert), on PGlite and on PostgreSQL.
import { addDays, dateOf, dayNumber } from '$lib/domain/periods';
import { seededRandom } from '$lib/domain/random';
import { parseDossiers, resolveColumns } from '$lib/domain/dossier-file';
import { readTable } from '$lib/server/files/table';
import { bootTest, type Engine } from '$lib/server/testing';
import * as dossiers from '$lib/server/dossiers';
import { s, type Row } from './report';
import { postgresUrl } from './sync';

export const DOSSIER_ROWS = 60_000;
const TARGET_MS = 10_000;

const FIELDS = [
	'Hộ tịch',
	'Chứng thực',
	'Đất đai',
	'Bảo trợ xã hội',
	'Người có công',
	'Hoạt động xây dựng',
	'Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)',
	'Quy hoạch xây dựng, kiến trúc',
	'Đường thủy nội địa',
	'Lưu thông hàng hóa trong nước',
	'Kinh doanh khí',
	'Văn hóa cơ sở',
	'Giáo dục và đào tạo',
	'Y tế dự phòng',
	'Nông nghiệp'
];
// Shares close to seed 001's table: civil status and certification dominate.
const WEIGHTS = [30, 45, 5, 4, 1.5, 1, 8, 0.2, 0.1, 0.1, 0.1, 1, 1.5, 1, 1.5];
const HEADER =
	'ma_ho_so,ma_thu_tuc,ten_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai,co_phi,thanh_toan_truc_tuyen,so_hoa,chu_ho_so';

function pick(random: () => number): string {
	const total = WEIGHTS.reduce((a, b) => a + b, 0);
	let r = random() * total;
	for (let i = 0; i < FIELDS.length; i++) if ((r -= WEIGHTS[i]) < 0) return FIELDS[i];
	return FIELDS[0];
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** `n` dossiers received over 2025-12-15 … 2026-12-14, every status, dates written as the city's export writes them. */
export function dossierCsv(n: number, seed = 4, changedEvery = 0): Uint8Array {
	const random = seededRandom(seed);
	const start = dayNumber('2025-12-15');
	const lines = [HEADER];
	for (let i = 0; i < n; i++) {
		const received = dateOf(start + Math.floor(random() * 365));
		const due = addDays(received, 1 + Math.floor(random() * 15));
		const roll = random();
		const status =
			roll < 0.9
				? 'Đã trả kết quả'
				: roll < 0.91
					? 'Từ chối'
					: roll < 0.92
						? 'Rút hồ sơ'
						: roll < 0.98
							? 'Đang giải quyết'
							: 'Yêu cầu bổ sung';
		const finished = roll < 0.92 ? addDays(received, Math.floor(random() * 16)) : '';
		const online = random() < 0.95;
		const fee = random() < 0.6;
		// A re-export a month later: some dossiers have moved on.
		const changed = changedEvery > 0 && i % changedEvery === 0;
		lines.push(
			[
				`000.00.${String(10 + (i % 80)).padStart(2, '0')}.H${String(i).padStart(7, '0')}`,
				`1.00${1000 + (i % 500)}`,
				'"Thủ tục hành chính, mẫu thử"',
				`"${pick(random)}"`,
				online ? 'Trực tuyến' : random() < 0.9 ? 'Trực tiếp' : 'Bưu chính',
				`${dmy(received)} ${String(7 + Math.floor(random() * 10)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`,
				dmy(due),
				changed && finished ? dmy(addDays(finished, 1)) : finished ? dmy(finished) : '',
				status,
				fee ? 'có' : 'không',
				fee ? (random() < 0.98 ? 'có' : 'không') : '',
				random() < 0.97 ? 'x' : '',
				`Công dân ${i}`
			].join(',')
		);
	}
	return new TextEncoder().encode(lines.join('\n'));
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const t0 = performance.now();
	const value = await fn();
	return { ms: performance.now() - t0, value };
}

export async function dossierImport(engine: Engine): Promise<{ rows: Row[]; notes: string[] }> {
	// The test support makes a schema of its own on TEST_DATABASE_URL, and drops it at close.
	if (engine === 'postgres') process.env.TEST_DATABASE_URL = postgresUrl();
	const { db } = await bootTest(engine);
	const label = engine === 'pglite' ? 'PGlite' : 'PostgreSQL';
	try {
		const file = dossierCsv(DOSSIER_ROWS);
		const later = dossierCsv(DOSSIER_ROWS, 4, 10);
		const parse = await timed(async () => {
			const table = await readTable(file, 'ho-so.csv');
			return parseDossiers(table.rows, {
				mapping: resolveColumns(table.headers).mapping,
				source: dossiers.DEFAULT_SOURCE
			});
		});
		if (!parse.value.ok)
			throw new Error(
				`the generated file is invalid: ${parse.value.errors
					.slice(0, 2)
					.map((e) => e.message)
					.join('; ')}`
			);
		const fresh = await timed(() => dossiers.importFile('test', file, 'ho-so.csv'));
		const preview = await timed(() =>
			dossiers.importFile('test', later, 'ho-so.csv', { dryRun: true })
		);
		const again = await timed(() => dossiers.importFile('test', later, 'ho-so.csv'));
		for (const r of [fresh, preview, again])
			if (!r.value.ok) throw new Error(`import failed: ${r.value.errors.slice(0, 2).join('; ')}`);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers');
		const counts = (o: typeof again.value) =>
			o.ok
				? `${o.counts.added} added, ${o.counts.updated} updated, ${o.counts.unchanged} unchanged`
				: '';
		const n60 = DOSSIER_ROWS.toLocaleString('en');
		return {
			rows: [
				{
					measure: `${label}: import ${n60} new dossiers, bytes to committed`,
					figure: s(fresh.ms),
					target: `≤ ${s(TARGET_MS)}`,
					pass: fresh.ms <= TARGET_MS
				},
				{
					measure: `${label}: preview of a re-export (dry run, nothing written)`,
					figure: s(preview.ms),
					target: `≤ ${s(TARGET_MS)}`,
					pass: preview.ms <= TARGET_MS
				},
				{
					measure: `${label}: import the re-export (updates)`,
					figure: s(again.ms),
					target: `≤ ${s(TARGET_MS)}`,
					pass: again.ms <= TARGET_MS
				},
				{
					measure: `${label}: of which reading and checking the file`,
					figure: s(parse.ms),
					target: ''
				}
			],
			notes: [
				`${label}: ${(file.byteLength / 1e6).toFixed(1)} MB of CSV, 13 columns, 15 fields, received over a year, every status.`,
				`${label}: re-export ${counts(again.value)}; ${n.toLocaleString('en')} dossiers stored.`
			]
		};
	} finally {
		await db.close();
	}
}
