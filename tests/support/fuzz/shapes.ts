// Valid-shaped inputs of every endpoint the fuzz test reaches (tests/fuzz.spec.ts): sync batches, ratings, counts, the
// files of the three imports, the admin forms, report periods. The breakers in ./encode then spoil one part of each.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { COUNT_KINDS, REASONS } from '../../../src/lib/schemas/sync';
import { DOSSIER_COLUMNS, REQUIRED_COLUMNS } from '../../../src/lib/domain/dossier-file';
import { CHANNELS, DOSSIER_STATUSES } from '../../../src/lib/domain/throughput';
import { FIGURE_COLUMNS, columnKey } from '../../../src/lib/domain/manual-figures';
import { breakJson, type FilePart, type Form } from './encode';
import { NUMBER_TEXTS, oddText, toJson, utf8Loose } from './values';

/** What the generators need to know of the server under test. */
export interface FuzzContext {
	/** The server's origin, for the Origin header of form posts. */
	origin: string;
	/** Epoch ms when the run started (ratings and counts are dated around it). */
	now: number;
	/** Procedure codes of the posted catalogue. */
	codes: string[];
	/** A small valid workbook, to send whole or with bytes spoiled. */
	xlsx: Buffer;
	/** Ids of the paired devices (for the forms that name one). */
	deviceIds: string[];
}

const HOUR = 3_600_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A date as forms and queries carry it: mostly near today, sometimes at the calendar's edges, sometimes not a date. */
export function day(ctx: FuzzContext): fc.Arbitrary<string> {
	const near = fc
		.integer({ min: -400, max: 60 })
		.map((d) => new Date(ctx.now + d * 86_400_000).toISOString().slice(0, 10));
	const edge = fc.constantFrom(
		'9999-01-01',
		'9999-12-31',
		'0001-01-01',
		'0000-01-01',
		'1970-01-01',
		'2100-01-01',
		'2026-02-29',
		'2024-02-29',
		'2026-13-01',
		'2026-00-10',
		'2026-1-1',
		'+02026-01-01',
		'275760-09-13',
		'2026-04-31',
		'20260101',
		'01/02/2026'
	);
	return fc.oneof(
		{ weight: 8, arbitrary: near },
		{ weight: 2, arbitrary: edge },
		{ weight: 1, arbitrary: oddText }
	);
}

/** A `from` and `to` of one period: mostly a month in the right order, sometimes any two days. */
export function period(ctx: FuzzContext): fc.Arbitrary<[string, string]> {
	const month = fc.integer({ min: -13, max: 1 }).map((m): [string, string] => {
		const d = new Date(ctx.now);
		const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 15));
		const to = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m + 1, 14));
		return [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)];
	});
	return fc.oneof(
		{ weight: 3, arbitrary: month },
		{ weight: 2, arbitrary: fc.tuple(day(ctx), day(ctx)) }
	);
}

/** A procedure code: one the catalogue has, the same in another spelling, or anything. */
export function code(ctx: FuzzContext): fc.Arbitrary<string> {
	const known = fc.constantFrom(...ctx.codes.slice(0, 50));
	return fc.oneof(
		{ weight: 5, arbitrary: known },
		{
			weight: 1,
			arbitrary: known.map((c) =>
				c.normalize('NFKC').replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x)))
			)
		},
		{ weight: 2, arbitrary: oddText }
	);
}

// ---- Devices ----------------------------------------------------------------------------------------------------

export function rating(ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
	return fc.record({
		id: fc.uuid({ version: 7 }),
		level: fc.constantFrom('rat_hai_long', 'hai_long', 'khong_hai_long'),
		scale: fc.constant(3),
		reasons: fc.subarray([...REASONS], { maxLength: 2 }),
		comment: fc.oneof(
			fc.constant(''),
			fc.constantFrom('Nhân viên nhiệt tình', 'Chờ lâu quá', 'ＨＳＸ－７７ 👍')
		),
		ticket: fc.oneof(fc.constant(null), fc.constantFrom('A123', '0042', 'ＡＢ１')),
		dossier: fc.oneof(
			fc.constant(null),
			fc.constantFrom('HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX‐77', '000.00.17.H56-261110-0001')
		),
		counter: fc.oneof(fc.constant(null), fc.constantFrom('1', 'Quầy 2')),
		field: fc.oneof(fc.constant(null), fc.constantFrom('Hộ tịch', 'Chứng thực', 'Đất đai')),
		ratedAt: fc.integer({ min: ctx.now - 2 * 86_400_000, max: ctx.now }),
		clockOffsetMs: fc.oneof(fc.constant(null), fc.integer({ min: -120_000, max: 120_000 }))
	});
}

/** A device's hourly count; sometimes as large as the schema lets it be. */
function count(ctx: FuzzContext): fc.Arbitrary<Record<string, unknown>> {
	return fc.record({
		hour: fc.integer({ min: 0, max: 72 }).map((h) => Math.floor(ctx.now / HOUR) * HOUR - h * HOUR),
		kind: fc.constantFrom(...COUNT_KINDS),
		key: code(ctx),
		count: fc.oneof(
			{ weight: 9, arbitrary: fc.nat(40) },
			{ weight: 1, arbitrary: fc.constantFrom(1_000_000_000, 999_999_999, 2 ** 31 - 1) }
		)
	});
}

export function syncBody(ctx: FuzzContext): fc.Arbitrary<unknown> {
	return breakJson(
		fc.record({
			sentAt: fc.integer({ min: ctx.now - 60_000, max: ctx.now + 60_000 }),
			device: fc.record({
				appVersion: fc.constantFrom('1.0.0', 'f3a9'),
				backlog: fc.nat(600),
				persistent: fc.constantFrom(true, false, null)
			}),
			ratings: fc.array(rating(ctx), { maxLength: 4 }),
			counts: fc.array(count(ctx), { maxLength: 4 })
		})
	);
}

export function outboxFile(ctx: FuzzContext): fc.Arbitrary<FilePart> {
	const file = breakJson(
		fc.record({
			format: fc.constant('sanhso-outbox'),
			version: fc.constant(1),
			deviceId: fc.oneof(fc.constant(null), fc.uuid()),
			exportedAt: fc.constant(ctx.now),
			ratings: fc.array(rating(ctx), { maxLength: 4 })
		})
	);
	return file.map((value) => ({
		filename: 'danh-gia.json',
		type: 'application/json',
		bytes: utf8Loose(toJson(value))
	}));
}

// ---- Files --------------------------------------------------------------------------------------------------------

/** CSV text with each line ending chosen on its own (LF, CRLF, a lone CR), a BOM at times, cells quoted when they must be. */
function csv(header: fc.Arbitrary<string[]>, row: fc.Arbitrary<string[]>): fc.Arbitrary<Buffer> {
	const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
	return fc
		.tuple(
			header,
			fc.array(row, { minLength: 1, maxLength: 5 }),
			fc.array(fc.constantFrom('\n', '\n', '\r\n', '\r'), { minLength: 6, maxLength: 6 }),
			fc.boolean()
		)
		.map(([head, rows, endings, bom]) => {
			const lines = [head, ...rows].map((cells) => cells.map(quote).join(','));
			const text = lines.map((line, i) => line + (endings[i] ?? '\n')).join('');
			return Buffer.concat([
				bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
				utf8Loose(text)
			]);
		});
}

/** Mostly the valid cell, now and then an odd one (so a file has about one odd cell). */
const cell = (valid: fc.Arbitrary<string>) =>
	fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: oddText });

const CATALOGUE_COLUMNS = [
	'ma_thu_tuc',
	'ten_thu_tuc',
	'linh_vuc',
	'cap_thuc_hien',
	'co_quan_thuc_hien',
	'hinh_thuc_nop',
	'thoi_han',
	'phi_le_phi',
	'url'
];

function catalogueRow(ctx: FuzzContext): fc.Arbitrary<string[]> {
	return fc.tuple(
		cell(
			fc.oneof(
				code(ctx),
				fc.nat(999).map((n) => `9.${String(n).padStart(6, '0')}`)
			)
		),
		cell(fc.constantFrom('Đăng ký khai sinh', 'Chứng thực bản sao', 'Cấp giấy chứng nhận')),
		cell(fc.constantFrom('Hộ tịch', 'Chứng thực', 'Đất đai')),
		cell(fc.constantFrom('Cấp xã', 'Cấp tỉnh; Cấp xã', 'Cấp bộ', 'Cơ quan khác')),
		cell(fc.constantFrom('UBND cấp xã', '')),
		cell(fc.constantFrom('Trực tiếp; Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính', '')),
		cell(fc.constantFrom('5 Ngày làm việc', '')),
		cell(fc.constantFrom('', '50.000 đồng')),
		cell(
			fc.constantFrom(
				'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1',
				'https://phishing.example/login',
				'javascript:alert(1)',
				''
			)
		)
	);
}

/** A catalogue file: CSV (header possibly shuffled or short), JSON, or a workbook sent whole or spoiled. */
export function catalogueFile(ctx: FuzzContext): fc.Arbitrary<FilePart> {
	const header = fc.oneof(
		{ weight: 5, arbitrary: fc.constant(CATALOGUE_COLUMNS) },
		{ weight: 1, arbitrary: fc.shuffledSubarray(CATALOGUE_COLUMNS) }
	);
	const asCsv = csv(header, catalogueRow(ctx)).map((bytes) => ({
		filename: 'danh-muc.csv',
		type: 'text/csv',
		bytes
	}));
	const asJson = breakJson(
		fc.array(
			catalogueRow(ctx).map((r) => Object.fromEntries(CATALOGUE_COLUMNS.map((c, i) => [c, r[i]]))),
			{ minLength: 1, maxLength: 4 }
		)
	).map((v) => ({
		filename: 'danh-muc.json',
		type: 'application/json',
		bytes: utf8Loose(toJson(v))
	}));
	const asXlsx = fc
		.tuple(fc.nat(ctx.xlsx.length - 1), fc.nat(255), fc.boolean())
		.map(([at, byte, spoil]) => {
			const bytes = Buffer.from(ctx.xlsx);
			if (spoil) bytes[at] = byte;
			return {
				filename: 'danh-muc.xlsx',
				type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				bytes
			};
		});
	return fc.oneof(
		{ weight: 6, arbitrary: asCsv },
		{ weight: 2, arbitrary: asJson },
		{ weight: 1, arbitrary: asXlsx }
	);
}

function dossierRow(ctx: FuzzContext): fc.Arbitrary<string[]> {
	const date = day(ctx);
	return fc.tuple(
		cell(
			fc.oneof(
				fc.nat(99_999).map((n) => `HS-${n}`),
				fc.constantFrom('HSX-77', 'hsx-77', 'ＨＳＸ－７７', 'HSX‐77')
			)
		),
		cell(fc.constantFrom('Hộ tịch', 'Chứng thực', 'Đất đai')),
		cell(fc.constantFrom(...CHANNELS, 'Trực tuyến', 'bưu chính')),
		cell(date),
		cell(fc.oneof(date, fc.constant(''))),
		cell(fc.oneof(date, fc.constant(''))),
		cell(fc.constantFrom(...DOSSIER_STATUSES)),
		cell(code(ctx))
	);
}

export function dossierFile(ctx: FuzzContext): fc.Arbitrary<FilePart> {
	const columns = [...REQUIRED_COLUMNS, 'ma_thu_tuc'];
	const header = fc.oneof(
		{ weight: 5, arbitrary: fc.constant(columns) },
		{ weight: 1, arbitrary: fc.shuffledSubarray(columns) }
	);
	return fc.oneof(
		{
			weight: 6,
			arbitrary: csv(header, dossierRow(ctx)).map((bytes) => ({
				filename: 'ho-so.csv',
				type: 'text/csv',
				bytes
			}))
		},
		{
			weight: 1,
			arbitrary: fc.constant({
				filename: 'ho-so.xlsx',
				type: 'application/octet-stream',
				bytes: ctx.xlsx
			})
		}
	);
}

/** The upload form's file, and for applying, the SHA-256 it was previewed with: the right one half the time. */
export function applyForm(
	file: fc.Arbitrary<FilePart>,
	rest: fc.Arbitrary<Form> = fc.constant([])
): fc.Arbitrary<Form> {
	return fc
		.tuple(file, rest, fc.boolean())
		.map(([f, more, right]) => [
			['file', f],
			...more,
			['previewed', right ? sha256(f.bytes) : sha256(Buffer.from('other'))]
		]);
}

/** The dossier form's source choice and (now and then) the mapping step's selects. */
export function dossierFields(): fc.Arbitrary<Form> {
	const source = fc.oneof(
		fc.constant<Form>([['source', 'Một cửa']]),
		fc.constantFrom('Bưu điện', 'BHXH', 'ＢＨＸＨ').map((name): Form => [
			['source', '__new__'],
			['newSource', name]
		])
	);
	const mapping = fc.oneof(
		{ weight: 3, arbitrary: fc.constant<Form>([]) },
		{
			weight: 1,
			arbitrary: fc.constant<Form>([
				['mapped', '1'],
				...DOSSIER_COLUMNS.map((c): [string, string] => [`map_${c}`, c])
			])
		}
	);
	return fc.tuple(source, mapping).map(([s, m]) => [...s, ...m]);
}

// ---- Admin forms --------------------------------------------------------------------------------------------------

export function manualForm(ctx: FuzzContext): fc.Arbitrary<Form> {
	const figure = fc.oneof(
		{ weight: 6, arbitrary: fc.nat(300).map(String) },
		{ weight: 1, arbitrary: fc.constantFrom('', '1.894', ...NUMBER_TEXTS) }
	);
	const row = fc.tuple(
		fc.constantFrom('Hộ tịch', 'Chứng thực', 'Đất đai', 'hộ tịch'),
		fc.array(figure, { minLength: FIGURE_COLUMNS.length, maxLength: FIGURE_COLUMNS.length })
	);
	return fc
		.tuple(
			fc.constantFrom('BHXH', 'Chi nhánh VPĐK đất đai', '__new__'),
			period(ctx),
			fc.array(row, { minLength: 1, maxLength: 3 }),
			fc.option(fc.array(figure, { minLength: 14, maxLength: 14 })),
			fc.boolean()
		)
		.map(([source, [from, to], rows, total, confirm]) => {
			const form: Form = [
				['source', source],
				['newSource', 'Nguồn mới'],
				['from', from],
				['to', to]
			];
			for (const [field, figures] of rows) {
				form.push(['field', field]);
				FIGURE_COLUMNS.forEach((c, i) => form.push([columnKey(c), figures[i]]));
			}
			if (total) FIGURE_COLUMNS.forEach((c, i) => form.push([`total.${columnKey(c)}`, total[i]]));
			if (confirm) form.push(['confirm', '1'], ['checked', 'a'.repeat(64)]);
			return form;
		});
}

export const deviceForm: fc.Arbitrary<Form> = fc
	.tuple(
		fc.constantFrom('Quầy 1', 'Ki-ốt sảnh', 'Máy tính bảng ＃２'),
		fc.constantFrom('kiosk', 'counter'),
		fc.constantFrom('', '1', 'Quầy 3'),
		fc.constantFrom('', 'Hộ tịch')
	)
	.map(([name, kind, counter, field]) => [
		['name', name],
		['kind', kind],
		['counter', counter],
		['field', field]
	]);

export const ratingSettingsForm: fc.Arbitrary<Form> = fc
	.tuple(
		fc.constantFrom('3', '4', '5'),
		fc.subarray(['rat_hai_long', 'hai_long', 'binh_thuong'], { minLength: 1 }),
		fc.constantFrom('0', '30', '3600')
	)
	.map(([scale, levels, interval]) => [
		['scale', scale],
		...levels.map((l): [string, string] => ['satisfiedLevels', l]),
		['minIntervalS', interval]
	]);

export const identityForm: fc.Arbitrary<Form> = fc
	.tuple(
		fc.constantFrom('Trung tâm Phục vụ hành chính công xã Thử', 'UBND phường Ｘ'),
		fc.constantFrom('', 'UBND tỉnh Thử'),
		fc.constantFrom('Thử', ''),
		fc.constantFrom('Số 1, đường Thử', ''),
		fc.constantFrom('Thứ Hai–Thứ Sáu\n7:30–17:00', ''),
		fc.constantFrom('0243 123 456', '(+84) 24.123'),
		fc.constantFrom('xa', 'tinh', 'bo')
	)
	.map(([name, governingBody, placeName, address, openingHours, phone, level]) => [
		['name', name],
		['governingBody', governingBody],
		['placeName', placeName],
		['address', address],
		['openingHours', openingHours],
		['phone', phone],
		['level', level]
	]);

/** Voiding one device's counts for some days, with a reason. */
export function countVoidForm(ctx: FuzzContext): fc.Arbitrary<Form> {
	return fc
		.tuple(
			fc.oneof(fc.constantFrom(...ctx.deviceIds, 'khong-co'), fc.uuid()),
			period(ctx),
			fc.constantFrom('Thiết bị đếm sai', 'Kiểm thử', '')
		)
		.map(([deviceId, [from, to], reason]) => [
			['deviceId', deviceId],
			['from', from],
			['to', to],
			['reason', reason]
		]);
}

/** A new password typed twice (the current one, when asked, is always wrong: the run must keep its sessions). */
export const passwordForm = (fields: string[]): fc.Arbitrary<Form> =>
	fc
		.tuple(fc.constantFrom('mat-khau-moi-dai-du-12', '12345678', 'password123'), fc.boolean())
		.map(([password, same]) =>
			fields.map((f): [string, string] => [
				f,
				f === 'current'
					? 'sai-mat-khau-cu'
					: f === 'code'
						? 'ABCDE-12345'
						: f === 'confirm' && !same
							? password + 'x'
							: password
			])
		);

export const targetsForm: fc.Arbitrary<Form> = fc
	.tuple(
		fc.constantFrom('95', '92,5', '100'),
		fc.array(fc.tuple(fc.constantFrom('Hộ tịch', 'đất', ''), fc.constantFrom('90', '99.5', '')), {
			maxLength: 3
		})
	)
	.map(([overall, rules]) => [
		['overall', overall],
		...rules.flatMap(([match, target]): Form => [
			['match', match],
			['target', target]
		])
	]);
