// The signed-in manager as routes see it (event.locals.user).
import type { Role } from '$lib/schemas/auth';

export type { Role };

export interface SessionUser {
	id: string;
	centerId: string;
	/** Shown in the admin header; joined in when the session is resolved. */
	centerName: string;
	username: string;
	role: Role;
	/** The password last signed in with falls short of today's rules: the admin pages ask for a new one. */
	weakPassword?: boolean;
}
