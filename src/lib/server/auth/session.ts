// The signed-in manager as routes see it (event.locals.user).
export type Role = 'admin' | 'manager' | 'viewer';

export interface SessionUser {
	id: string;
	centerId: string;
	username: string;
	role: Role;
}
