// `npm run build`'s last step: the template a new embedded database starts from (src/lib/server/db/template.ts).
import { makeTemplate } from '$lib/server/db/template';

export async function main(): Promise<number> {
	const bytes = await makeTemplate();
	console.log(`PGlite template: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
	return 0;
}
