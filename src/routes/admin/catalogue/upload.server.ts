// The upload page's two steps over the catalogue importer: a dry run to preview, then applying that same file.
import { createHash } from 'node:crypto';
import * as catalogue from '$lib/server/catalogue';
import { log } from '$lib/server/log';
import { previewOf, type DiffPreview } from './summary';

/** The rows with an address off the national portal the page lists; past it, the count tells the rest. */
export const FOREIGN_SHOWN = 200;

export type UploadOutcome =
	| {
			ok: true;
			step: 'preview' | 'applied';
			fileName: string;
			sha256: string;
			/** Data rows read from the file. */
			rows: number;
			diff: DiffPreview;
			foreign: catalogue.ForeignUrl[];
			foreignCount: number;
			/** Why the apply was refused at the typed count of abolished procedures: the preview shows again with it. */
			abolishError?: string;
	  }
	| { ok: false; fileName: string; errors: string[] };

interface Apply {
	userId: string;
	previewed: string;
	/** The preview's addresses off the national portal were seen and are meant. */
	confirmHosts?: boolean;
	/** The number of procedures to abolish, as typed. */
	confirmAbolish?: string;
}

export async function upload(
	centerId: string,
	file: File,
	apply: Apply | null
): Promise<UploadOutcome> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const fileName = file.name;
	// What is applied must be what the manager saw: another file (or an edited one) needs a new preview.
	if (apply && apply.previewed !== sha256) {
		return {
			ok: false,
			fileName,
			errors: ['Tệp đã thay đổi sau khi xem trước. Vui lòng xem trước lại rồi mới áp dụng.']
		};
	}
	const outcome = await catalogue.importFile(centerId, bytes, fileName, {
		dryRun: !apply,
		confirmHosts: apply?.confirmHosts ?? false,
		abolishTyped: apply?.confirmAbolish ?? ''
	});
	if (!outcome.ok && outcome.abolishUnconfirmed) {
		const preview = await upload(centerId, file, null);
		return preview.ok ? { ...preview, abolishError: outcome.errors[0] } : preview;
	}
	if (!outcome.ok) return { ok: false, fileName, errors: outcome.errors };
	const diff = previewOf(outcome.diff);
	const hosts = [...new Set(outcome.foreign.map((f) => f.host))].slice(0, 20);
	if (apply)
		log.info('catalogue_imported', {
			center: centerId,
			user: apply.userId,
			file: fileName,
			...diff.counts,
			foreignHosts: hosts
		});
	const foreign = outcome.foreign.slice(0, FOREIGN_SHOWN);
	return {
		ok: true,
		step: apply ? 'applied' : 'preview',
		fileName,
		sha256,
		rows: outcome.rows,
		diff,
		foreign,
		foreignCount: outcome.foreign.length
	};
}
