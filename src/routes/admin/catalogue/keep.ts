// The posted list's forms: after an answer the page's data reloads, and what the manager typed stays in place.
import type { SubmitFunction } from '@sveltejs/kit';

export const keep: SubmitFunction =
	() =>
	async ({ update }) => {
		await update({ reset: false });
	};
