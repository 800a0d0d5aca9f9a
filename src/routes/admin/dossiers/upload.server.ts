// The upload form's two steps over the dossier importer: a dry run to preview (or to ask for the column mapping),
// then writing that same file with that same mapping. Long error lists are cut for the page; the count stays whole.
import { createHash } from 'node:crypto';
import type { ColumnMapping, DossierColumn } from '$lib/domain/dossier-file';
import * as dossiers from '$lib/server/dossiers';
import { log } from '$lib/server/log';

export const ERRORS_SHOWN = 300;

interface Request {
	file: File;
	source: string;
	/** Chosen in the mapping step; null: the source's remembered one. */
	mapping: ColumnMapping | null;
}

export type UploadOutcome =
	| ({
			ok: true;
			step: 'preview' | 'applied';
			fileName: string;
			sha256: string;
			mapped: boolean;
	  } & Omit<Extract<dossiers.ImportOutcome, { ok: true }>, 'ok'>)
	| {
			ok: false;
			kind: 'invalid' | 'unreadable' | 'mapping' | 'rows' | 'changed';
			fileName: string;
			source: string;
			errors: string[];
			errorCount: number;
			headers: string[];
			mapping: ColumnMapping;
			missing: DossierColumn[];
			/** The mapping step's selects were sent: the page keeps showing them. */
			mapped: boolean;
	  };

type Refused = Extract<UploadOutcome, { ok: false }>;

export function refused(errors: string[], fileName = '', source = '', mapped = false): Refused {
	return {
		ok: false,
		kind: 'invalid',
		fileName,
		source,
		errors,
		errorCount: errors.length,
		headers: [],
		mapping: {},
		missing: [],
		mapped
	};
}

export async function upload(
	centerId: string,
	req: Request,
	apply: { userId: string; previewed: string } | null
): Promise<UploadOutcome> {
	const bytes = new Uint8Array(await req.file.arrayBuffer());
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const fileName = req.file.name;
	// What is written must be what the manager saw: another file (or an edited one) needs a new preview.
	if (apply && apply.previewed !== sha256) {
		const message = 'Tệp đã thay đổi sau khi xem trước. Vui lòng xem trước lại rồi mới ghi.';
		return { ...refused([message], fileName, req.source, req.mapping !== null), kind: 'changed' };
	}
	const outcome = await dossiers.importFile(centerId, bytes, fileName, {
		source: req.source,
		mapping: req.mapping,
		dryRun: !apply
	});
	if (!outcome.ok) {
		const { ok, errors, ...rest } = outcome;
		return {
			ok,
			...rest,
			fileName,
			source: req.source,
			errors: errors.slice(0, ERRORS_SHOWN),
			errorCount: errors.length,
			mapped: req.mapping !== null
		};
	}
	if (apply)
		log.info('dossiers_imported', {
			center: centerId,
			user: apply.userId,
			file: fileName,
			source: req.source,
			...outcome.counts
		});
	const { ok, ...rest } = outcome;
	return {
		ok,
		...rest,
		step: apply ? 'applied' : 'preview',
		fileName,
		sha256,
		mapped: req.mapping !== null
	};
}
