import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as apiTokens from '$lib/server/auth/api-tokens';
import * as center from '$lib/server/center';
import { buildReport } from '$lib/server/reports';
import { dashboard } from '$lib/server/reports/dashboard';
import { customPeriod } from '$lib/domain/periods';
import { actions } from './+page.server';

type Event = Parameters<typeof actions.revokeToken>[0];

const ADMIN = {
	id: 'admin-1',
	centerId: 'test',
	centerName: 'Trung tâm thử',
	username: 'quantri',
	role: 'admin' as const,
	city: null
};

/** The revoke button's post, as the action reads it. */
function revokeToken(id: string) {
	const request = new Request('http://hcc.test/admin/settings?/revokeToken', {
		method: 'POST',
		body: new URLSearchParams({ id })
	});
	return actions.revokeToken({ request, locals: { user: ADMIN } } as unknown as Event);
}

describe.each(engines)('revoking an API token on %s', (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	it('an id holding a NUL or another control character is an unknown token (400), not a 500, and no token is touched', async () => {
		const { id, token } = await apiTokens.create('test', 'Sở Nội vụ', null);
		for (const bad of [`${id}\u0000`, 'Hộ tịch\u0000', '\u0001', `${id}\u007f`]) {
			expect(await revokeToken(bad)).toMatchObject({
				status: 400,
				data: { action: 'revokeToken', message: 'Không tìm thấy mã API đang dùng này.' }
			});
		}
		expect(await apiTokens.centerOf(`Bearer ${token}`)).toBe('test');
		expect(await revokeToken(id)).toEqual({ action: 'revokeToken', message: 'Đã thu hồi mã API.' });
		expect(await apiTokens.centerOf(`Bearer ${token}`)).toBeNull();
	});
});

/** The document form's post, as the action reads it. */
function saveDocument(fields: Record<string, string>) {
	const request = new Request('http://hcc.test/admin/settings?/document', {
		method: 'POST',
		body: new URLSearchParams(fields)
	});
	return actions.document({ request, locals: { user: ADMIN } } as unknown as Event);
}

describe.each(engines)("the report's document settings on %s", (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());

	const GOOD = {
		reportSymbol: ' bc-ttpvhcc ',
		recipients: '- Như trên;\r\nCT, các PCT UBND xã (b/c)\n\n Lưu: VT. ',
		signerTitle: 'KT. Giám đốc\nPhó Giám đốc',
		signerName: 'Ngô  Thanh Phương'
	};

	it('a new center has the defaults a Trung tâm writes: BC-TTPVHCC, Lưu: VT, GIÁM ĐỐC', async () => {
		expect(await center.reportDocument('test')).toEqual({
			reportSymbol: 'BC-TTPVHCC',
			recipients: 'Lưu: VT',
			signerTitle: 'GIÁM ĐỐC',
			signerName: ''
		});
	});

	it('saves cleaned values that the report prints, and saving them again keeps them', async () => {
		expect(await saveDocument(GOOD)).toMatchObject({ action: 'document' });
		const saved = {
			reportSymbol: 'BC-TTPVHCC',
			recipients: 'Như trên\nCT, các PCT UBND xã (b/c)\nLưu: VT',
			signerTitle: 'KT. Giám đốc\nPhó Giám đốc',
			signerName: 'Ngô Thanh Phương'
		};
		expect(await center.reportDocument('test')).toEqual(saved);
		expect(await saveDocument(saved)).toMatchObject({ action: 'document' });
		expect(await center.reportDocument('test')).toEqual(saved);
		const report = await buildReport('test', customPeriod('2026-06-01', '2026-06-30'));
		expect(report?.center).toMatchObject({
			reportSymbol: 'BC-TTPVHCC',
			recipients: ['Như trên', 'CT, các PCT UBND xã (b/c)', 'Lưu: VT'],
			signerTitle: ['KT. Giám đốc', 'Phó Giám đốc'],
			signerName: 'Ngô Thanh Phương'
		});
	});

	it('bad input is a Vietnamese message at its field, and nothing changes', async () => {
		const before = await center.reportDocument('test');
		const result = await saveDocument({
			reportSymbol: 'BC TT/PV',
			recipients: ' - ;\n',
			signerTitle: 'A\nB\nC\nD',
			signerName: 'x'.repeat(81)
		});
		expect(result).toMatchObject({
			status: 400,
			data: { action: 'document', error: true, values: { reportSymbol: 'BC TT/PV' } }
		});
		const errors = (result as { data: { errors: Record<string, string[]> } }).data.errors;
		expect(errors.reportSymbol?.[0]).toContain('Ký hiệu chỉ gồm chữ in hoa');
		expect(errors.recipients?.[0]).toBe('Hãy ghi ít nhất một nơi nhận, ví dụ: Lưu: VT');
		expect(errors.signerTitle?.[0]).toBe('Chức vụ người ký ghi tối đa 3 dòng');
		expect(errors.signerName?.[0]).toBe('Họ và tên người ký dài quá 80 ký tự');
		expect(await center.reportDocument('test')).toEqual(before);
	});
});

/** The service-index checkbox's post: ticked sends 'on', unticked sends nothing. */
function saveReportIndex(value: string | null) {
	const request = new Request('http://hcc.test/admin/settings?/reportIndex', {
		method: 'POST',
		body: new URLSearchParams(value === null ? {} : { reportIndex: value })
	});
	return actions.reportIndex({ request, locals: { user: ADMIN } } as unknown as Event);
}

describe.each(engines)("the report's service-index section on %s", (engine) => {
	let db: Db;
	beforeAll(async () => ({ db } = await bootTest(engine)));
	afterAll(() => db.close());
	const month = customPeriod('2026-03-15', '2026-04-14');

	it('is off for a new center; ticked, the report carries the estimate of its own figures; unticked, not', async () => {
		expect((await buildReport('test', month))?.index).toBeNull();
		expect(await saveReportIndex('on')).toMatchObject({ action: 'reportIndex' });
		const report = await buildReport('test', month);
		expect(report?.index?.rules.source).toContain('766/QĐ-TTg');
		// No dossiers yet: nothing to estimate, and the section says so rather than inventing a score.
		expect(report?.index?.max).toBe(0);
		await saveReportIndex(null);
		expect((await buildReport('test', month))?.index).toBeNull();
	});

	it('refuses any other value with a Vietnamese message, and changes nothing', async () => {
		await saveReportIndex('on');
		for (const bad of ['yes', '1', 'on\u0000'])
			expect(await saveReportIndex(bad)).toMatchObject({
				status: 400,
				data: { action: 'reportIndex', message: 'Chưa lưu: lựa chọn không hợp lệ.' }
			});
		expect((await buildReport('test', month))?.index).not.toBeNull();
	});
});

/** The weights form's post: a new version of the service-index rules. */
function saveIndexRules(
	over: Record<string, string> = {},
	user: typeof ADMIN | typeof CITY_ADMIN = ADMIN
) {
	const fields = {
		version: '766-2027-01',
		source: 'Quyết định 999/QĐ-TTg (thử)',
		inForceFrom: '2027-01-01',
		'on_time.max': '18',
		'on_time.fullFrom': '',
		'handling_satisfaction.max': '6',
		'handling_satisfaction.fullFrom': '90',
		'online_payment.max': '6,5',
		'online_payment.fullFrom': '',
		'digitised.max': '4',
		'digitised.fullFrom': '80',
		...over
	};
	const request = new Request('http://hcc.test/admin/settings?/indexRules', {
		method: 'POST',
		body: new URLSearchParams(fields)
	});
	return actions.indexRules({ request, locals: { user } } as unknown as Event);
}

function removeIndexRules(version: string, user: typeof ADMIN | typeof CITY_ADMIN = ADMIN) {
	const request = new Request('http://hcc.test/admin/settings?/removeIndexRules', {
		method: 'POST',
		body: new URLSearchParams({ version })
	});
	return actions.removeIndexRules({ request, locals: { user } } as unknown as Event);
}

/** The city's admin looking at the center: acts there as its admin. */
const CITY_ADMIN = { ...ADMIN, id: 'city-1', username: 'thanhpho', city: 'city_admin' as const };

describe.each(engines)('the service-index weights on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
		await saveReportIndex('on');
	});
	afterAll(() => db.close());
	const january = customPeriod('2026-12-15', '2027-01-14');
	const december = customPeriod('2026-11-15', '2026-12-14');
	const weights = async (period: typeof january) => {
		const index = (await buildReport('test', period))?.index;
		const d = await dashboard('test', period.from, period.to, new Date('2027-02-01T03:00:00Z'));
		// The dashboard and the report take the same version for the same days.
		expect(d.index.rules).toEqual(index?.rules);
		return {
			version: index?.rules.version,
			max: Object.fromEntries((index?.indicators ?? []).map((i) => [i.id, i.max])),
			digitised: index?.indicators.find((i) => i.id === 'digitised')?.formula
		};
	};

	it('a new version applies to periods ending on or after its first day; earlier periods keep the weights of their time', async () => {
		expect(await saveIndexRules()).toEqual({
			action: 'indexRules',
			message:
				'Đã lưu phiên bản 766-2027-01: ước tính của các kỳ kết thúc từ 01/01/2027 dùng trọng số này.'
		});
		expect(await weights(january)).toEqual({
			version: '766-2027-01',
			max: { on_time: 18, handling_satisfaction: 6, online_payment: 6.5, digitised: 4 },
			digitised: expect.stringContaining('đủ 4 điểm từ 80%')
		});
		expect(await weights(december)).toMatchObject({
			version: '766-2026-12',
			max: { on_time: 20, handling_satisfaction: 6, online_payment: 6, digitised: 4 }
		});
		expect(await removeIndexRules('766-2027-01')).toEqual({
			action: 'indexRules',
			message: 'Đã xóa phiên bản 766-2027-01.'
		});
		expect((await weights(january)).version).toBe('766-2026-12');
		// The version shipped with the app is not a row: it cannot be removed.
		expect(await removeIndexRules('766-2026-12')).toMatchObject({ status: 404 });
		// A NUL or another control character names no version (404), never a 500.
		for (const odd of ['766-2027-01\u0000', '\u0001', '1.000178\u0000'])
			expect(await removeIndexRules(odd)).toMatchObject({ status: 404 });
		expect((await weights(january)).version).toBe('766-2026-12');
	});

	it('refuses weights out of bounds, a day before the decision, a taken name or day, in Vietnamese, storing nothing', async () => {
		const refused: [Record<string, string>, string, number][] = [
			[{ 'on_time.max': '21' }, 'không được lớn hơn 20, điểm của cả nhóm', 400],
			[{ 'digitised.max': '-1' }, 'không được nhỏ hơn 0', 400],
			[{ 'online_payment.max': 'sáu' }, 'phải là một số', 400],
			[{ 'handling_satisfaction.fullFrom': '0' }, 'phải lớn hơn 0%', 400],
			[{ 'handling_satisfaction.fullFrom': '101' }, 'không được lớn hơn 100%', 400],
			[{ inForceFrom: '2022-06-22' }, 'không được trước 23/6/2022', 400],
			[{ inForceFrom: '2027-02-30' }, 'không có thật', 400],
			[{ version: ' ' }, 'Đặt tên cho phiên bản', 400],
			[{ source: 'Quyết định\u0000' }, 'ký tự điều khiển', 400],
			[{ version: '766-2026-12' }, 'có sẵn trong Sảnh số', 409]
		];
		for (const [over, message, status] of refused) {
			const outcome = await saveIndexRules(over);
			expect(outcome, JSON.stringify(over)).toMatchObject({
				status,
				data: { action: 'indexRules', error: true, message: expect.stringContaining(message) }
			});
		}
		expect(await db.query('SELECT version FROM index_rules')).toEqual([]);
		expect(await saveIndexRules()).toMatchObject({ action: 'indexRules' });
		for (const over of [{}, { version: '766-2027-02' }] as Record<string, string>[])
			expect(await saveIndexRules(over)).toMatchObject({
				status: 409,
				data: {
					message: expect.stringContaining('Đã có phiên bản cùng tên hoặc cùng ngày áp dụng')
				}
			});
		expect(await db.query('SELECT version FROM index_rules')).toEqual([{ version: '766-2027-01' }]);
		await removeIndexRules('766-2027-01');
	});

	it('a version broken by hand in the database is passed over, never breaking a report', async () => {
		await db.query(
			`INSERT INTO index_rules (version, source, in_force_from, indicators, created_by)
			 VALUES ('hỏng', 'thử', '2026-12-20', '{"on_time": {"max": "hai mươi"}}', 'psql')`
		);
		expect((await weights(january)).version).toBe('766-2026-12');
		await db.query(`DELETE FROM index_rules`);
	});

	it('in a city the weights are its admin’s: a center’s admin is refused (403) and nothing changes', async () => {
		const other = await center.create({
			id: 'khac',
			name: 'Trung tâm khác',
			level: 'xa',
			hosts: []
		});
		expect(other.ok).toBe(true);
		expect(await saveIndexRules()).toMatchObject({
			status: 403,
			data: {
				action: 'indexRules',
				error: true,
				message: expect.stringContaining('quản trị viên thành phố')
			}
		});
		expect(await db.query('SELECT version FROM index_rules')).toEqual([]);
		expect(await saveIndexRules({}, CITY_ADMIN)).toMatchObject({ action: 'indexRules' });
		expect(await removeIndexRules('766-2027-01')).toMatchObject({ status: 403 });
		expect(await db.query('SELECT version FROM index_rules')).toEqual([{ version: '766-2027-01' }]);
		expect(await removeIndexRules('766-2027-01', CITY_ADMIN)).toMatchObject({
			action: 'indexRules'
		});
		expect(await db.query('SELECT version FROM index_rules')).toEqual([]);
	});
});
