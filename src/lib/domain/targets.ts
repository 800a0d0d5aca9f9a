// Satisfaction targets per field: a center keeps an overall target and rules like { match: 'Đất đai', target: 90 };
// a field takes the first rule whose folded text is inside its folded name, else the overall target.

import { fold } from './text';

export interface TargetRule {
	match: string;
	target: number;
}

/** The target rate (percent) for a field: the first matching rule wins; an empty match never matches. */
export function targetFor(field: string, overall: number, rules: TargetRule[]): number {
	const name = fold(field);
	for (const rule of rules) {
		const match = fold(rule.match);
		// An empty rule would match every field; it is a typing slip, not a catch-all.
		if (match !== '' && name.includes(match)) return rule.target;
	}
	return overall;
}

/**
 * The rules as stored (a jsonb column an admin may also edit by hand): a malformed rule is skipped, never a crash,
 * so the report, the dashboard and the settings page read the same rules.
 */
export function targetRules(value: unknown): TargetRule[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((r) =>
		typeof r === 'object' &&
		r !== null &&
		typeof r.match === 'string' &&
		typeof r.target === 'number' &&
		Number.isFinite(r.target)
			? [{ match: r.match, target: r.target }]
			: []
	);
}
