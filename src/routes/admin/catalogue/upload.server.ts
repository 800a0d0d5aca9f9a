// The upload page's two steps over the catalogue importer: a dry run to preview, then applying that same file.
import { createHash } from 'node:crypto';
import * as catalogue from '$lib/server/catalogue';
import { log } from '$lib/server/log';
import { previewOf, type DiffPreview } from './summary';

export type UploadOutcome =
	| { ok: true; step: 'preview' | 'applied'; fileName: string; sha256: string; diff: DiffPreview }
	| { ok: false; fileName: string; errors: string[] };

export async function upload(centerId: string, file: File, apply: { userId: string; previewed: string } | null): Promise<UploadOutcome> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const fileName = file.name;
	// What is applied must be what the manager saw: another file (or an edited one) needs a new preview.
	if (apply && apply.previewed !== sha256) {
		return { ok: false, fileName, errors: ['Tệp đã thay đổi sau khi xem trước. Vui lòng xem trước lại rồi mới áp dụng.'] };
	}
	const outcome = await catalogue.importFile(centerId, bytes, fileName, { dryRun: !apply });
	if (!outcome.ok) return { ok: false, fileName, errors: outcome.errors };
	const diff = previewOf(outcome.diff);
	if (apply) log.info('catalogue_imported', { center: centerId, user: apply.userId, file: fileName, ...diff.counts });
	return { ok: true, step: apply ? 'applied' : 'preview', fileName, sha256, diff };
}
