import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import * as apiTokens from '$lib/server/auth/api-tokens';
import * as center from '$lib/server/center';
import { buildReport } from '$lib/server/reports';
import { customPeriod } from '$lib/domain/periods';
import { actions } from './+page.server';

type Event = Parameters<typeof actions.revokeToken>[0];

const ADMIN = {
	id: 'admin-1',
	centerId: 'test',
	centerName: 'Trung tâm thử',
	username: 'quantri',
	role: 'admin' as const
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
