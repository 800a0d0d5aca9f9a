// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: SessionUser | null;
			/** The center the request is for: from the host name it was sent to, else CENTER_ID. */
			centerId: string;
			/** '/c/CODE' where the center came from a path prefix (or the browser's remembered one): its public links
			 * carry it. '' where the host name (or CENTER_ID) says the center. */
			centerPath: string;
		}
	}
}

export {};
