// The benchmarks' output: one table per measure (measure, figure, target, pass/fail), and a summary at the end.

export interface Row {
	measure: string;
	figure: string;
	target: string;
	/** undefined: a figure given for information, with no target. */
	pass?: boolean;
}

export interface Section {
	title: string;
	rows: Row[];
	notes: string[];
	/** The message when the measure crashed before giving its figures. */
	error?: string;
}

export function verdict(row: Row): string {
	if (row.pass === undefined) return '';
	return row.pass ? 'pass' : 'FAIL';
}

export function table(rows: Row[]): string {
	const header = ['measure', 'figure', 'target', 'pass/fail'];
	const cells = rows.map((r) => [r.measure, r.figure, r.target, verdict(r)]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function printSection(section: Section): void {
	console.log(`\n## ${section.title}\n`);
	if (section.rows.length > 0) console.log(table(section.rows));
	for (const note of section.notes) console.log(`  ${note}`);
	if (section.error) console.log(`  ERROR: ${section.error}`);
}

export const ms = (value: number): string =>
	`${value < 10 ? value.toFixed(3) : value.toFixed(0)} ms`;
export const s = (value: number): string => `${(value / 1000).toFixed(2)} s`;
export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i];
}

export function median(values: number[]): number {
	return percentile(
		[...values].sort((a, b) => a - b),
		50
	);
}
