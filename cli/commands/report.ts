// `report --from DATE --to DATE [--format json|text|csv|csv-vn|xlsx|docx] [--out FILE]`: the report for a period, as JSON
// (the API's shape), plain text (the prose and the table), or the files the manager's page downloads.
import { writeFile } from 'node:fs/promises';
import { reportHeading, reportSections } from '$lib/domain/report-text';
import { formatBodyValues, THROUGHPUT_COLUMNS, throughputBody } from '$lib/domain/report-tables';
import type { Report } from '$lib/domain/report';
import { periodOf, reportQuery } from '$lib/schemas/reports';
import { buildReport } from '$lib/server/reports';
import { exportReport } from '$lib/server/reports/export';
import { InputError, options, UsageError, userPath } from '../options';
import type { Command } from './types';

const FORMATS = ['json', 'text', 'csv', 'csv-vn', 'xlsx', 'docx'] as const;
type Format = (typeof FORMATS)[number];
const BINARY: Format[] = ['xlsx', 'docx'];

export const report: Command = {
	name: 'report',
	usage:
		'report --from YYYY-MM-DD --to YYYY-MM-DD [--style chot-14|lich] [--format json|text|csv|csv-vn|xlsx|docx] [--out FILE]',
	summary:
		'the report for a period (both dates included); json and text print to standard output unless --out is given',
	async prepare(args) {
		const { positionals, values } = options(args, {
			values: ['from', 'to', 'style', 'format', 'out']
		});
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const format = (values.get('format') ?? 'json') as Format;
		if (!FORMATS.includes(format))
			throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
		const out = values.get('out');
		if (BINARY.includes(format) && !out)
			throw new UsageError(`--format ${format} writes a file: give --out FILE`);
		const query = reportQuery.safeParse({
			from: values.get('from'),
			to: values.get('to'),
			style: values.get('style')
		});
		if (!query.success) throw new InputError(query.error.issues.map((i) => i.message).join(' '));
		const period = periodOf(query.data);
		return async ({ io, cfg }) => {
			const built = await buildReport(cfg.CENTER_ID, period);
			if (!built) {
				io.err(`No center ${cfg.CENTER_ID} in the database.`);
				return 1;
			}
			if (format === 'json' || format === 'text') {
				const text = format === 'json' ? JSON.stringify(built, null, 2) : asText(built);
				if (out) await writeFile(userPath(out), text + '\n');
				else io.out(text);
			} else {
				const file = await exportReport(built, format);
				if (out) await writeFile(userPath(out), file.bytes);
				else io.out(new TextDecoder().decode(file.bytes));
			}
			if (out)
				io.err(`Wrote ${format} report for ${period.from}..${period.to} to ${userPath(out)}`);
			return 0;
		};
	}
};

/** The prose of every part, then the 16-column table with its numbered columns, aligned for a terminal. */
function asText(report: Report): string {
	const heading = reportHeading(report);
	const lines = [heading.organisation, heading.title, heading.subject, heading.period, ''];
	for (const section of reportSections(report))
		lines.push(section.title, ...section.paragraphs, '');
	const table = [
		['Lĩnh vực', ...THROUGHPUT_COLUMNS.map((c) => `(${c.no})`)],
		...throughputBody(report).map((row) => [row.label, ...formatBodyValues(row)])
	];
	const width = (i: number) => Math.max(...table.map((row) => row[i].length));
	const first = Math.min(width(0), 40);
	for (const row of table) {
		const name = row[0].length > first ? row[0].slice(0, first - 1) + '…' : row[0].padEnd(first);
		lines.push([name, ...row.slice(1).map((c, i) => c.padStart(width(i + 1)))].join('  '));
	}
	lines.push('', heading.generated);
	return lines.join('\n');
}
