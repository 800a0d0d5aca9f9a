// Search as the kiosk runs it, keystroke by keystroke, over the whole demo catalogue: in Node and in Chromium.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from '@playwright/test';
import { buildIndex, search } from '$lib/domain/search';
import type * as SearchModule from '$lib/domain/search';
import { readTable } from '$lib/server/files/table';
import { validateCatalogue } from '$lib/server/catalogue/validate';
import type { Procedure } from '$lib/schemas/procedure';
import { ROOT } from '../harness/app-server';
import { ms, percentile, type Section } from './report';

/** What citizens type, letter by letter: each prefix is one keystroke's search. */
export const QUERIES = [
	'dang ky khai sinh',
	'cap ban sao',
	'chung thuc',
	'1.001193',
	'ket hon',
	'giay phep xay dung',
	'dat dai',
	'ho kinh doanh',
	'khai tu',
	'tro cap xa hoi'
];
const TARGET_MS = 2;
const WARM_UP_ROUNDS = 5;
const ROUNDS = 20;

export function keystrokes(queries: readonly string[]): string[] {
	return queries.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
}

export async function loadCatalogue(): Promise<Procedure[]> {
	const file = path.join(ROOT, 'demo/tthc-catalogue.csv');
	const validated = validateCatalogue(await readTable(await readFile(file), file));
	if (!validated.ok)
		throw new Error(
			`${file} is invalid: ${validated.errors
				.slice(0, 3)
				.map((e) => e.message)
				.join('; ')}`
		);
	return validated.procedures;
}

interface Timings {
	indexMs: number;
	samples: number[];
}

function summarize(where: string, t: Timings, count: number, notes: string[] = []): Section {
	const sorted = [...t.samples].sort((a, b) => a - b);
	const p95 = percentile(sorted, 95);
	return {
		title: `Search per keystroke, ${where} (${count} procedures)`,
		rows: [
			{
				measure: 'p95 per keystroke',
				figure: ms(p95),
				target: `≤ ${TARGET_MS} ms`,
				pass: p95 <= TARGET_MS
			},
			{ measure: 'p50 per keystroke', figure: ms(percentile(sorted, 50)), target: '' },
			{ measure: 'max per keystroke', figure: ms(sorted[sorted.length - 1] ?? NaN), target: '' },
			{ measure: 'index build (once per catalogue)', figure: ms(t.indexMs), target: '' }
		],
		notes: [
			`${t.samples.length} searches: ${QUERIES.length} queries typed letter by letter, ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds.`,
			...notes
		]
	};
}

export function benchNode(procedures: Procedure[]): Section {
	const prefixes = keystrokes(QUERIES);
	const started = performance.now();
	const index = buildIndex(procedures);
	const indexMs = performance.now() - started;
	for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const p of prefixes) search(index, p);
	const samples: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		for (const p of prefixes) {
			const t0 = performance.now();
			search(index, p);
			samples.push(performance.now() - t0);
		}
	}
	return summarize('Node', { indexMs, samples }, procedures.length);
}

type SearchGlobal = { SanhSearch: typeof SearchModule };

export async function benchChromium(browser: Browser, procedures: Procedure[]): Promise<Section> {
	const bundle = await build({
		entryPoints: [path.join(ROOT, 'src/lib/domain/search.ts')],
		bundle: true,
		format: 'iife',
		globalName: 'SanhSearch',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		write: false,
		logLevel: 'silent'
	});
	const code = bundle.outputFiles[0]?.text;
	if (!code) throw new Error('esbuild produced no bundle for src/lib/domain/search.ts');
	const page = await browser.newPage();
	try {
		await page.setContent(
			'<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body></body></html>'
		);
		await page.addScriptTag({ content: code });
		const timings = await page.evaluate(
			({ procedures, prefixes, warmUp, rounds }) => {
				const { buildIndex, search } = (window as unknown as SearchGlobal).SanhSearch;
				const started = performance.now();
				const index = buildIndex(procedures);
				const indexMs = performance.now() - started;
				for (let round = 0; round < warmUp; round++) for (const p of prefixes) search(index, p);
				const samples: number[] = [];
				for (let round = 0; round < rounds; round++) {
					for (const p of prefixes) {
						const t0 = performance.now();
						search(index, p);
						samples.push(performance.now() - t0);
					}
				}
				return { indexMs, samples };
			},
			{ procedures, prefixes: keystrokes(QUERIES), warmUp: WARM_UP_ROUNDS, rounds: ROUNDS }
		);
		return summarize('Chromium', timings, procedures.length, [
			`src/lib/domain/search.ts bundled by esbuild: ${(code.length / 1000).toFixed(1)} kB minified; the page's clock is coarsened to about 0.1 ms.`
		]);
	} finally {
		await page.close();
	}
}
