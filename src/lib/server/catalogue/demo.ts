// The demo center's catalogue: the national file (demo/tthc-catalogue.csv) joined, by code, with the details a commune
// center adds for its commonest procedures (procedure-details.json beside it), so the demo shows full procedure pages.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { identifier } from '$lib/domain/text';
import { readTable } from '../files/table';

export const DETAILS_FILE = 'procedure-details.json';

/** The bytes and name to import; the catalogue file unchanged when there are no details beside it or it is unreadable. */
export async function demoCatalogue(
	catalogueFile: string
): Promise<{ data: Uint8Array; filename: string }> {
	const data = await readFile(catalogueFile);
	let details: unknown;
	try {
		details = JSON.parse(
			await readFile(path.join(path.dirname(catalogueFile), DETAILS_FILE), 'utf8')
		);
	} catch {
		return { data, filename: catalogueFile };
	}
	if (!Array.isArray(details)) return { data, filename: catalogueFile };
	const table = await readTable(data, catalogueFile);
	// A broken catalogue is imported as it is, so the import names its errors by the file's own rows.
	if (table.errors.length > 0) return { data, filename: catalogueFile };
	const byCode = new Map(
		details.map((d: Record<string, unknown>) => [identifier(String(d.ma_thu_tuc ?? '')), d])
	);
	const rows = table.rows.map(({ values }) => ({
		...values,
		...byCode.get(identifier(values.ma_thu_tuc ?? ''))
	}));
	return {
		data: new TextEncoder().encode(JSON.stringify(rows)),
		filename: `${catalogueFile}+${DETAILS_FILE}.json`
	};
}
