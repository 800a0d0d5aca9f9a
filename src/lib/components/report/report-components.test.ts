import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { seed001Report, PRINTED } from '$lib/domain/report.fixture';
import { satisfactionText } from '$lib/domain/report-text';
import { satisfactionTables } from '$lib/domain/report-tables';
import DownloadLinks from './DownloadLinks.svelte';
import ReportProse from './ReportProse.svelte';
import ReportTable from './ReportTable.svelte';
import ThroughputTable from './ThroughputTable.svelte';

/** The markup without Svelte's scoping classes, so assertions read as the HTML a reader gets. */
function html<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props
): string {
	return render(component, { props })
		.body.replace(/ class="[^"]*"/g, '')
		.replace(/<!--[^>]*-->/g, '');
}

/** The text of each cell of each row, tags stripped, as a reader would see the table. */
function rows(html: string): string[][] {
	return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((tr) =>
		[...tr[1].matchAll(/<(?:td|th)[^>]*>([\s\S]*?)<\/(?:td|th)>/g)].map((c) =>
			c[1].replace(/<[^>]+>/g, '').trim()
		)
	);
}

describe('ThroughputTable', () => {
	const body = html(ThroughputTable, { report: seed001Report() });

	it('has a caption, named by it as a keyboard-scrollable region', () => {
		const id = /<caption id="([^"]+)"/.exec(body)?.[1];
		expect(id).toBeTruthy();
		expect(body).toContain(`role="region" aria-labelledby="${id}" tabindex="0"`);
		expect(body).toContain(
			'Kết quả tiếp nhận và giải quyết thủ tục hành chính theo lĩnh vực</caption>'
		);
	});

	it('scopes its headers: groups over their columns, single columns, and each field as a row header', () => {
		expect(body).toMatch(/<th scope="colgroup" colspan="4">Số lượng hồ sơ tiếp nhận<\/th>/);
		expect(body).toMatch(/<th scope="colgroup" colspan="6">Số lượng hồ sơ đã giải quyết<\/th>/);
		expect(body).toMatch(/<th scope="col" rowspan="3">STT<\/th>/);
		expect(body).toMatch(/<th scope="col" rowspan="2">Từ kỳ trước<\/th>/);
		expect(body).toContain('<th scope="row">Đất đai</th>');
		expect(body).toMatch(/<th scope="row" colspan="2">Tổng cộng<\/th>/);
	});

	it('prints the figures as seed 001 writes them, the total and the rate last', () => {
		const all = rows(body);
		expect(all[3].slice(0, 3)).toEqual(['(1)', '(2)', '(3)=(4)+(5)+(6)']);
		expect(all).toContainEqual(PRINTED.land);
		expect(all.at(-2)).toEqual(PRINTED.total);
		expect(all.at(-1)?.slice(0, 6)).toEqual(PRINTED.rates.slice(0, 6));
	});
});

describe('ReportTable', () => {
	it('show each table with a caption, the field row header and đạt / chưa đạt', () => {
		const body = satisfactionTables(seed001Report())
			.map((table) => html(ReportTable, { table }))
			.join('');
		// Each table is a keyboard-scrollable frame named by its caption.
		expect(body).toMatch(
			/<div role="region" aria-labelledby="([^"]+)" tabindex="0"><table><caption id="\1">Tỷ lệ hài lòng theo lĩnh vực<\/caption>/
		);
		expect(rows(body)).toContainEqual(['3', 'Đất đai', '150', '122', '81,3%', '90%', 'Chưa đạt']);
		expect(body).toContain('<th scope="row">Đất đai</th>');
	});

	it('says there are no figures rather than showing a bare header', () => {
		const table = {
			id: 'reasons',
			title: 'Lý do không hài lòng',
			head: ['STT', 'Lý do', 'Số lượt'],
			rowHeader: 1,
			rows: []
		};
		const body = html(ReportTable, { table });
		expect(body).toMatch(/<td colspan="3">Không có số liệu.<\/td>/);
	});
});

describe('ReportProse', () => {
	it('prints the same sentences as the DOCX under a numbered title', () => {
		const section = satisfactionText(seed001Report());
		const body = html(ReportProse, { section, number: 2 });
		expect(body).toContain('2. Mức độ hài lòng của người dân, doanh nghiệp</h2>');
		for (const p of section.paragraphs) expect(body).toContain(`>${p}</p>`);
	});
});

describe('DownloadLinks', () => {
	it("offers each file at the page's own address for the period, named with what it is for", () => {
		const body = html(DownloadLinks, {
			path: '/city/report',
			query: 'from=2026-01-01&to=2026-06-30'
		});
		const links = [...body.matchAll(/<a href="([^"]+)" download="">([\s\S]*?)<\/a>/g)].map((m) => [
			m[1],
			m[2].replace(/<[^>]+>/g, '')
		]);
		expect(links).toEqual([
			[
				'/city/report?from=2026-01-01&amp;to=2026-06-30&amp;format=docx',
				'⬇ Tải Word (DOCX): văn bản báo cáo, bảng trên trang ngang'
			],
			[
				'/city/report?from=2026-01-01&amp;to=2026-06-30&amp;format=xlsx',
				'⬇ Tải Excel (XLSX): bảng số liệu'
			],
			[
				'/city/report?from=2026-01-01&amp;to=2026-06-30&amp;format=csv',
				'⬇ Tải CSV: bảng tiếp nhận, giải quyết, dấu phẩy phân cách, cho phần mềm khác'
			],
			[
				'/city/report?from=2026-01-01&amp;to=2026-06-30&amp;format=csv-vn',
				'⬇ Tải CSV cho Excel tiếng Việt: dấu chấm phẩy phân cách, dấu phẩy thập phân'
			]
		]);
	});
});
