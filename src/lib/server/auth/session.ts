// The signed-in manager as routes see it (event.locals.user).
import type { CityRole, Role } from '$lib/schemas/auth';

export type { CityRole, Role };

export interface SessionUser {
	id: string;
	/** The center this person works in: their own, or for the city's people the one they are looking at. */
	centerId: string;
	/** Shown in the admin header; joined in when the session is resolved. */
	centerName: string;
	username: string;
	/** What they may do in that center: a city admin acts as its admin, a city viewer as its viewer. */
	role: Role;
	/** The city's people; null for a center's own. */
	city: CityRole | null;
	/** The password last signed in with falls short of today's rules: the admin pages ask for a new one. */
	weakPassword?: boolean;
}
