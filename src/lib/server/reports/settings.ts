// A center's report settings: the satisfaction targets, the overall one (95% by default) and per-field rules (90% for
// land, construction and investment by default), as the report and the dashboard hold ratings against them; and
// whether the report prints the service-index estimate.
import type { Targets } from '$lib/schemas/reports';
import { targetRules } from '$lib/domain/targets';
import { db } from '../db';

export async function targets(centerId: string): Promise<Targets> {
	const [row] = await (
		await db()
	).query<{ overall: number; rules: unknown }>(
		`SELECT satisfaction_target AS overall, field_targets AS rules FROM centers WHERE id = $1`,
		[centerId]
	);
	return { overall: Number(row?.overall ?? 95), rules: targetRules(row?.rules) };
}

export async function saveTargets(centerId: string, t: Targets): Promise<void> {
	await (
		await db()
	).query(`UPDATE centers SET satisfaction_target = $2, field_targets = $3 WHERE id = $1`, [
		centerId,
		t.overall,
		JSON.stringify(t.rules)
	]);
}

/** Whether the center's report prints the service-index estimate as a section of its own. */
export async function includesIndex(centerId: string): Promise<boolean> {
	const [row] = await (
		await db()
	).query<{ on: boolean }>(`SELECT report_index AS on FROM centers WHERE id = $1`, [centerId]);
	return row?.on === true;
}

export async function saveIncludesIndex(centerId: string, on: boolean): Promise<void> {
	await (await db()).query(`UPDATE centers SET report_index = $2 WHERE id = $1`, [centerId, on]);
}
