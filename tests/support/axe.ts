// Accessibility check with axe-core against WCAG 2 A and AA, with a summary readable in an assertion message:
//   const { violations, summary } = await checkA11y(page);
//   expect(violations, summary).toEqual([]);
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { AxeResults, ElementContext, Result, RunOptions } from 'axe-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeOptions {
	/** What to check, as a CSS selector; the whole document by default. */
	context?: string;
	/** Rule ids to skip, each with a reason in the calling test. */
	disableRules?: string[];
}

export interface AxeReport {
	violations: Result[];
	summary: string;
}

interface Axe {
	run(context: ElementContext, options: RunOptions): Promise<AxeResults>;
	run(options: RunOptions): Promise<AxeResults>;
}
type AxeWindow = { axe?: Axe };

export async function checkA11y(
	page: Page,
	{ context, disableRules = [] }: AxeOptions = {}
): Promise<AxeReport> {
	await injectAxe(page);
	const results = await page.evaluate(
		async ({ context, tags, disabled }) => {
			const axe = (window as unknown as AxeWindow).axe;
			if (!axe) throw new Error('axe-core is not loaded');
			const options: RunOptions = {
				runOnly: { type: 'tag', values: tags },
				rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])),
				resultTypes: ['violations']
			};
			return context === undefined ? axe.run(options) : axe.run(context, options);
		},
		{ context, tags: WCAG_TAGS, disabled: disableRules }
	);
	return { violations: results.violations, summary: summarize(results.violations) };
}

async function injectAxe(page: Page): Promise<void> {
	const loaded = () => page.evaluate(() => (window as unknown as AxeWindow).axe !== undefined);
	if (await loaded()) return;
	// The app's Content-Security-Policy forbids inline scripts, which is what addScriptTag({ path }) inserts; the
	// same source evaluated through the DevTools protocol is not subject to the page's CSP.
	await page.addScriptTag({ path: AXE_PATH }).catch(() => undefined);
	if (await loaded()) return;
	await page.evaluate(await readFile(AXE_PATH, 'utf8'));
	if (!(await loaded())) throw new Error(`could not load ${AXE_PATH} into ${page.url()}`);
}

/** One line per violation and an indented line per offending element, for an assertion message. */
export function summarize(violations: Result[]): string {
	if (violations.length === 0) return 'no accessibility violations';
	return violations
		.map((v) => {
			const nodes = v.nodes
				.slice(0, 5)
				.map(
					(n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`
				)
				.join('\n');
			const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
			return `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
		})
		.join('\n');
}
