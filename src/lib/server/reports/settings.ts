// A center's satisfaction targets: the overall one (95% by default) and per-field rules (90% for land, construction
// and investment by default), as the report and the dashboard hold ratings against them.
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
