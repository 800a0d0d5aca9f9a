// Crash safety (issue 9): the server is killed with SIGKILL at seeded random moments while a year's dossier file
// (60,000 rows), a month's, the procedure catalogue [and a backup] are imported through the CLI and three counter
// tablets keep syncing. Every restart must succeed; each import is all or nothing; every rating the server
// acknowledged survives and counts once; the report equals one computed from the surviving records.
// CRASH_SEED=… replays another plan (how long things take on a loaded machine still varies from run to run).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { test, expect } from './support/server';
import { ROOT, type AppServer } from '../harness/app-server';
import { createUsers, sessionCookie } from './support/admin';
import { BusyProbe, connectedToServer, heldRatingIds } from './support/admin-db';
import { cliOn, pairingCode, ratingTotals, startCli, type CliProcess } from '../harness/cli';
import { dossierFile, revised, type DossierFile } from './support/dossier-year';
import { Tablet } from './support/tablet';
import { addDays } from '../src/lib/domain/periods';
import { localDate } from '../src/lib/domain/vn-time';
import { seededRandom } from '../src/lib/domain/random';
import type { Report } from '../src/lib/domain/report';
import { throughput, type ThroughputRow } from '../src/lib/domain/throughput';
import type { Rating } from '../src/lib/schemas/sync';

const SEED = Number(process.env.CRASH_SEED ?? 20261202);
const YEAR_ROWS = 60_000;
const MONTH_ROWS = 6_000;
/** Every n-th procedure of the demo catalogue is renamed in its second version (330 of 2,643). */
const RENAMED_EVERY = 8;
const RENAMED = ' (bản sửa đổi)';
/** A question to the database unanswered this long means an import's transaction holds it (sync's take a few ms). */
const IN_TRANSACTION_MS = 250;
/** The bound of every wait: a year's import that a command finishes alone after the kill takes a while on a busy box. */
const WAIT_MS = 120_000;
/** A command connected to the server when it dies has nothing left to wait for: it says so and exits. */
const DEAD_SERVER_EXIT_MS = 15_000;
const RATINGS_PER_TABLET = 4_000;
/** In the rounds with only the tablets, each sends a backlog this big, and the kill comes while it is being stored. */
const BACKLOG = 200;

// ---- The plan ----------------------------------------------------------------------------------------------------

type SourceName = 'year' | 'month';
/**
 * When the kill comes, for the round's main import: `start` counts from the command's start, so it may not have
 * reached the server yet (it then opens DATA_DIR itself and finishes alone); the others wait until it is connected:
 * `connected` anywhere in its run, `parse` while it reads the file, `inside` its transaction, `commit` around it.
 */
type When = 'start' | 'connected' | 'parse' | 'inside' | 'commit';
interface Round {
	dossiers: SourceName | null;
	catalogue: boolean;
	when: When;
}

/** 24 kills: 8 in the year's import (3 of them inside its transaction), 8 in the month's, 3 in a catalogue import
 * alone, 5 with only the tablets syncing a backlog; the catalogue joins about half the dossier rounds. Shuffled. */
function plan(random: () => number): Round[] {
	const times = (
		n: number,
		dossiers: SourceName | null,
		when: When,
		catalogue: () => boolean
	): Round[] => Array.from({ length: n }, () => ({ dossiers, when, catalogue: catalogue() }));
	const half = () => random() < 0.5;
	const rounds = [
		...times(1, 'year', 'start', half),
		...times(2, 'year', 'parse', half),
		...times(3, 'year', 'inside', half),
		...times(2, 'year', 'commit', half),
		...times(3, 'month', 'start', half),
		...times(5, 'month', 'connected', half),
		...times(1, null, 'start', () => true),
		...times(2, null, 'connected', () => true),
		...times(5, null, 'start', () => false)
	];
	for (let i = rounds.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[rounds[i], rounds[j]] = [rounds[j], rounds[i]];
	}
	return rounds;
}

// ---- Commands the kill interrupts ------------------------------------------------------------------------------------

/** How a command's run went when nothing was killed: the kill moments are fractions of these. */
interface Timing {
	/** From start to its connection to the server, to its transaction holding the database, and to its exit. */
	connectMs: number;
	txStartMs: number;
	txMs: number;
	exitMs: number;
}

interface Activity {
	name: string;
	cli: CliProcess;
	startedAt: number;
	result?: { code: number | null; stdout: string; stderr: string };
}

function activity(name: string, cli: CliProcess): Activity {
	const a: Activity = { name, cli, startedAt: performance.now() };
	void cli.exited.then((r) => (a.result = r));
	return a;
}

/** Waits up to `bound` for the command to exit; one still running then is killed, and says so. */
async function settle(a: Activity, bound: number): Promise<NonNullable<Activity['result']>> {
	const outcome = await Promise.race([a.cli.exited, sleep(bound).then(() => undefined)]);
	if (outcome) return outcome;
	a.cli.kill();
	const killed = await a.cli.exited;
	return {
		...killed,
		stderr: `[test] still running ${ms(bound)} after the kill; killed\n${killed.stderr}`
	};
}

const connected = (a: Activity, server: AppServer) =>
	a.cli.pid !== undefined && connectedToServer(a.cli.pid, server.dataDir) === true;

/** Runs a command to its end with nothing killed, timing its connection, its transaction and its exit. The
 * transaction is the longest wait of the probe's questions once the command is connected (sync's are short). */
async function calibrate(a: Activity, server: AppServer, probe: BusyProbe): Promise<Timing> {
	const at = (t: number) => t - a.startedAt;
	let connectAt: number | undefined;
	let longest: { start: number; ms: number } | undefined;
	while (!a.result) {
		if (connectAt === undefined && connected(a, server)) connectAt = performance.now();
		const blocked = probe.blockedMs();
		if (connectAt !== undefined && blocked > IN_TRANSACTION_MS && blocked > (longest?.ms ?? 0))
			longest = { start: performance.now() - blocked, ms: blocked };
		await sleep(10);
	}
	expect(a.result.code, `${a.name}: ${a.result.stderr}`).toBe(0);
	const exitMs = at(performance.now());
	// Without a connection seen (no /proc) or a transaction long enough to notice, halves stand in.
	const connectMs = connectAt === undefined ? exitMs / 2 : at(connectAt);
	const txStartMs = longest ? at(longest.start) : (connectMs + exitMs) / 2;
	return { connectMs, txStartMs, txMs: longest?.ms ?? (exitMs - txStartMs) / 2, exitMs };
}

/** Polls until `done` or the bound; true when `done`. */
async function until(done: () => boolean): Promise<boolean> {
	const deadline = performance.now() + WAIT_MS;
	while (!done()) {
		if (performance.now() > deadline) return false;
		await sleep(10);
	}
	return true;
}

/** Waits for the round's kill moment (see When), in the lead command's own time scale. */
async function killMoment(
	round: Round,
	lead: Activity | undefined,
	timing: Timing | undefined,
	server: AppServer,
	probe: BusyProbe,
	tablets: Tablet[],
	u: number
): Promise<void> {
	if (!lead || !timing) {
		// The tablets alone: a backlog each, and the kill while a batch of it is on its way or being stored. Their
		// answers are lost from then on, as when the server dies between its commit and its answer.
		for (const t of tablets) t.rate(BACKLOG);
		await until(() => tablets.some((t) => t.inFlight().length >= BACKLOG / 2));
		for (const t of tablets) t.loseAnswers = true;
		return sleep(u * 150);
	}
	if (round.when === 'start') return sleep(u * timing.exitMs);
	await until(() => lead.result !== undefined || connected(lead, server));
	if (round.when === 'connected') return sleep(u * 1.1 * (timing.exitMs - timing.connectMs));
	if (round.when === 'parse') return sleep(u * (timing.txStartMs - timing.connectMs));
	// A wait that long is the import's transaction and nothing else: the kill comes at a fraction of its calibrated length.
	const sure = Math.max(IN_TRANSACTION_MS, 0.2 * timing.txMs);
	await until(() => lead.result !== undefined || probe.blockedMs() > sure);
	const fraction = round.when === 'inside' ? 0.25 + 0.6 * u : 0.9 + 0.4 * u;
	return sleep(Math.max(0, fraction * timing.txMs - probe.blockedMs()));
}

// ---- Backup: where `npm run cli -- backup` plugs in --------------------------------------------------------------
// Another engineer is adding the command. Once cli/commands/backup.ts is on main, every dossier round also takes a
// backup while everything else runs: a backup that said it was written is a whole file, and one that failed leaves
// no file behind that could be taken for a backup.
const BACKUP_COMMAND = path.join(ROOT, 'cli/commands/backup.ts');

function startBackup(server: AppServer, out: string): Activity | undefined {
	if (!existsSync(BACKUP_COMMAND)) return undefined;
	return activity('backup', startCli(server.dataDir, ['backup', '--out', out]));
}

async function checkBackup(
	result: NonNullable<Activity['result']>,
	out: string
): Promise<'new' | 'none'> {
	const size = await stat(out).then(
		(s) => s.size,
		() => null
	);
	if (result.code === 0) {
		expect(size, `backup said it was written: ${result.stdout}`).toBeGreaterThan(0);
		return 'new';
	}
	expect(size, `a failed backup left ${out} behind (exit ${result.code})`).toBeNull();
	return 'none';
}

// ---- What the server should hold ----------------------------------------------------------------------------------

type Version = 'none' | 'A' | 'B';
const next = (v: Version): 'A' | 'B' => (v === 'A' ? 'B' : 'A');

interface Source {
	name: string;
	rows: number;
	files: { A: DossierFile; B: DossierFile };
	paths: { A: string; B: string };
	/** The version stored now, as the last check found it. */
	state: Version;
	timing?: Timing;
}

const PARTS = {
	received: ['total', 'online', 'direct', 'carriedOver'],
	resolved: ['total', 'early', 'onTime', 'late', 'rejected', 'withdrawn'],
	pending: ['total', 'onTime', 'overdue', 'supplement']
} as const;

/** A throughput table as comparable lines: `field: 14 numbers`, the total last. */
function tableLines(rows: (ThroughputRow & { field: string })[], total: ThroughputRow): string[] {
	const numbers = (r: ThroughputRow) => [
		...PARTS.received.map((k) => r.received[k]),
		...PARTS.resolved.map((k) => r.resolved[k]),
		...PARTS.pending.map((k) => r.pending[k])
	];
	return [
		...rows.map((r) => `${r.field}: ${numbers(r).join(' ')}`),
		`Tổng cộng: ${numbers(total).join(' ')}`
	];
}

/** The satisfaction part's figures that ratings decide, comparable with toEqual. */
function satisfactionFigures(s: Report['satisfaction']) {
	const group = (g: { name: string; counted: number; satisfied: number }) => ({
		name: g.name,
		counted: g.counted,
		satisfied: g.satisfied
	});
	return {
		counted: s.counted,
		satisfied: s.satisfied,
		levels: Object.fromEntries(s.levels.filter((l) => l.count > 0).map((l) => [l.level, l.count])),
		byField: s.byField.map(group).sort(byName),
		byCounter: s.byCounter.map(group).sort(byName),
		reasons: Object.fromEntries(s.reasons.map((r) => [r.reason, r.count])),
		flagged: s.flagged.total
	};
}

/** The same figures computed from the ratings made, each once. */
function expectedSatisfaction(
	made: Rating[],
	satisfiedLevels: string[]
): ReturnType<typeof satisfactionFigures> {
	const satisfied = (rs: Rating[]) => rs.filter((r) => satisfiedLevels.includes(r.level)).length;
	const groups = (key: (r: Rating) => string) =>
		[...new Set(made.map(key))]
			.map((name) => made.filter((r) => key(r) === name))
			.map((rs) => ({ name: key(rs[0]), counted: rs.length, satisfied: satisfied(rs) }))
			.sort(byName);
	return {
		counted: made.length,
		satisfied: satisfied(made),
		levels: countBy(made, (r) => r.level),
		byField: groups((r) => r.field ?? ''),
		byCounter: groups((r) => r.counter ?? ''),
		reasons: countBy(
			made.flatMap((r) => r.reasons),
			(reason) => reason
		),
		flagged: 0
	};
}

// ---- The test ---------------------------------------------------------------------------------------------------

test('SIGKILL at random moments: restarts succeed, imports are all or nothing, acknowledged ratings count once', async ({
	server
}) => {
	test.setTimeout(25 * 60_000);
	const began = performance.now();
	const random = seededRandom(SEED);
	const rounds = plan(random);
	console.log(`crash test seed ${SEED}`);
	const work = await mkdtemp(path.join(tmpdir(), 'sanhso-crash-'));

	// The report's period: the year to tomorrow (local), so that ratings made today are in it whatever the hour.
	const to = addDays(localDate(new Date()), 1);
	const from = addDays(to, -364);
	const makeSource = async (
		name: string,
		prefix: string,
		rows: number,
		seed: number
	): Promise<Source> => {
		const A = dossierFile(name, prefix, rows, from, to, seed);
		const B = revised(A, 5);
		const paths = { A: path.join(work, `${prefix}-A.csv`), B: path.join(work, `${prefix}-B.csv`) };
		await writeFile(paths.A, A.csv);
		await writeFile(paths.B, B.csv);
		return { name, rows, files: { A, B }, paths, state: 'none' };
	};
	const sources: Record<SourceName, Source> = {
		year: await makeSource('Một cửa điện tử (năm)', 'N', YEAR_ROWS, SEED + 1),
		month: await makeSource('Một cửa điện tử (tháng)', 'T', MONTH_ROWS, SEED + 2)
	};
	const tables = new Map<string, string[]>();
	/** The throughput table of the files stored, computed by the domain's own function from their records. */
	const expectedTable = (states: Record<SourceName, Version>): string[] => {
		const key = `${states.year}|${states.month}`;
		if (!tables.has(key)) {
			const records = (['year', 'month'] as const).flatMap((s) =>
				states[s] === 'none' ? [] : sources[s].files[states[s]].records
			);
			const table = throughput(records, from, to);
			tables.set(key, tableLines(table.rows, table.total));
		}
		return tables.get(key) ?? [];
	};

	// The catalogue in two versions: the demo file the server starts with, and the same with 330 names changed.
	const demoPath = path.join(ROOT, 'demo/tthc-catalogue.csv');
	const catalogueRows: string[][] = parseCsv(await readFile(demoPath), { bom: true });
	const renamedCodes = new Set<string>();
	const renamedRows = catalogueRows.map((row, i) => {
		if (i === 0 || i % RENAMED_EVERY !== 0) return row;
		renamedCodes.add(row[0]);
		return [row[0], row[1] + RENAMED, ...row.slice(2)];
	});
	const renamedPath = path.join(work, 'tthc-catalogue-sua-doi.csv');
	await writeFile(
		renamedPath,
		renamedRows
			.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','))
			.join('\n') + '\n'
	);
	const catalogue: { state: 'demo' | 'renamed'; timing?: Timing } = { state: 'demo' };
	const cataloguePath = (v: 'demo' | 'renamed') => (v === 'demo' ? demoPath : renamedPath);
	const catalogueNow = async (): Promise<'demo' | 'renamed' | undefined> => {
		const posted = (await (await fetch(server.url + '/api/v1/catalogue')).json()) as {
			procedures: { code: string; name: string }[];
		};
		expect(posted.procedures.length).toBe(catalogueRows.length - 1);
		const renamed = posted.procedures.filter(
			(p) => renamedCodes.has(p.code) && p.name.endsWith(RENAMED)
		).length;
		return renamed === renamedCodes.size ? 'renamed' : renamed === 0 ? 'demo' : undefined;
	};

	// A manager to read the report, no minimum interval between ratings (nothing is flagged), three tablets.
	const fields = ['Hộ tịch', 'Chứng thực', 'Đất đai'];
	const [, , ...codes] = await Promise.all([
		createUsers(server, [['giamdoc', 'manager']]),
		cliOn(server, ['ratings', 'settings', '--min-interval', '0']),
		...fields.map((_, i) =>
			pairingCode(server, [
				'--name',
				`Quầy ${i + 1}`,
				'--kind',
				'counter',
				'--counter',
				String(i + 1)
			])
		)
	]);
	const tablets = await Promise.all(
		codes.map((code, i) =>
			Tablet.pair(server.url, code, {
				counter: String(i + 1),
				field: fields[i],
				seed: SEED + 10 + i
			})
		)
	);
	let cookie = await sessionCookie(server, 'giamdoc');
	const reportNow = async (): Promise<Report> => {
		for (let attempt = 0; ; attempt++) {
			const res = await fetch(`${server.url}/api/v1/reports?from=${from}&to=${to}`, {
				headers: { Cookie: cookie }
			});
			if (res.status === 200) return (await res.json()) as Report;
			const body = await res.text();
			// A session made just before a kill may not have been kept: sign in again, once.
			if (res.status !== 401 || attempt > 0)
				throw new Error(`GET /api/v1/reports answered ${res.status}: ${body}`);
			cookie = await sessionCookie(server, 'giamdoc');
		}
	};

	// The tablets sync all along, as at a counter: a few new ratings, a run of the device's own sync engine, a pause.
	// They hold still from a kill until its ratings check, so that what the killed server kept can be told apart.
	let syncing = true;
	let paused = false;
	let syncRuns = 0;
	const syncLoops = tablets.map(async (tablet, i) => {
		const pause = seededRandom(SEED + 20 + i);
		while (syncing) {
			if (paused) {
				await sleep(50);
				continue;
			}
			if (tablet.made().length < RATINGS_PER_TABLET) tablet.rate(1 + Math.floor(pause() * 6));
			syncRuns++;
			const outcome = await tablet.sync().finally(() => syncRuns--);
			if (outcome.kind === 'revoked' || outcome.kind === 'unauthorized')
				throw new Error(`tablet ${i + 1} lost its pairing: ${outcome.kind}`);
			await sleep(outcome.kind === 'done' ? 100 + pause() * 300 : 300 + pause() * 500);
		}
	});

	// Each file goes in, then its second version with nothing killed, timed: the kill moments are fractions of such a
	// run (a re-import's transaction is shorter than a first import's: unchanged rows are left as they are).
	let probe = await BusyProbe.connect(server.dataDir);
	for (const source of [sources.year, sources.month]) {
		for (const version of ['A', 'B'] as const) {
			const timing = await calibrate(
				activity(
					source.name,
					startCli(server.dataDir, [
						'dossiers',
						'import',
						source.paths[version],
						'--source',
						source.name
					])
				),
				server,
				probe
			);
			source.state = version;
			source.timing = timing;
		}
	}
	catalogue.timing = await calibrate(
		activity('catalogue', startCli(server.dataDir, ['catalogue', 'import', renamedPath])),
		server,
		probe
	);
	catalogue.state = 'renamed';
	const timed = (t?: Timing) =>
		t
			? `${ms(t.exitMs)} (connected at ${ms(t.connectMs)}, transaction ${ms(t.txMs)} from ${ms(t.txStartMs)})`
			: '';
	console.log(
		`crash test runs without a kill: year re-import ${timed(sources.year.timing)}, month re-import ${timed(sources.month.timing)}, catalogue ${timed(catalogue.timing)}`
	);

	const kills: { round: number; delayMs: number; interrupted: string[]; outcome: string[] }[] = [];
	const restartFailures: string[] = [];
	/** Commands that did not fail cleanly (exit 1, with a message) when the server died under them. */
	const cliFaults: string[] = [];
	const restartMs: number[] = [];
	let committedUnacked = 0;

	for (const [index, round] of rounds.entries()) {
		const roundNo = index + 1;
		const context = () =>
			`seed ${SEED}, round ${roundNo} ${JSON.stringify(round)}, server log ${server.logFile}`;

		// The round's commands: a dossier file's other version, a backup alongside it, the catalogue's other version.
		const jobs: {
			kind: 'dossiers' | 'catalogue' | 'backup';
			a: Activity;
			version: string;
			out?: string;
		}[] = [];
		const source = round.dossiers ? sources[round.dossiers] : undefined;
		if (source) {
			const version = next(source.state);
			jobs.push({
				kind: 'dossiers',
				a: activity(
					`${round.dossiers} import`,
					startCli(server.dataDir, [
						'dossiers',
						'import',
						source.paths[version],
						'--source',
						source.name
					])
				),
				version
			});
			const out = path.join(work, `backup-${roundNo}.sanhso`);
			const backup = startBackup(server, out);
			if (backup) jobs.push({ kind: 'backup', a: backup, version: 'new', out });
		}
		if (round.catalogue) {
			const version = catalogue.state === 'demo' ? 'renamed' : 'demo';
			jobs.push({
				kind: 'catalogue',
				a: activity(
					'catalogue import',
					startCli(server.dataDir, ['catalogue', 'import', cataloguePath(version)])
				),
				version
			});
		}

		const started = performance.now();
		await killMoment(
			round,
			jobs[0]?.a,
			source?.timing ?? catalogue.timing,
			server,
			probe,
			tablets,
			random()
		);
		const inTransaction = probe.blockedMs() > IN_TRANSACTION_MS;
		const interrupted = jobs
			.filter((j) => !j.a.result)
			.map(
				(j) =>
					`${j.a.name} ${!connected(j.a, server) ? 'before it reached the server' : j.kind === 'dossiers' && inTransaction ? 'in its transaction' : 'connected'}`
			);
		const wasConnected = jobs.map((j) => !j.a.result && connected(j.a, server));
		if (tablets.some((t) => t.inFlight().length > 0))
			interrupted.push(tablets.some((t) => t.loseAnswers) ? 'sync (answers lost)' : 'sync');
		paused = true;
		const delayMs = performance.now() - started;
		await server.stop('SIGKILL');
		await probe.close();

		// Commands still running fail against the dead server, or finish alone; the server starts once they are done.
		const results = await Promise.all(
			jobs.map((j, i) => settle(j.a, wasConnected[i] ? DEAD_SERVER_EXIT_MS : WAIT_MS))
		);
		for (const [i, r] of results.entries())
			if (wasConnected[i] && r.code !== 0 && (r.code !== 1 || firstError(r.stderr) === ''))
				cliFaults.push(
					`round ${roundNo}: ${jobs[i].a.name}, connected when the server died: ${r.code === null ? 'never exited' : `exit ${r.code}`}${firstError(r.stderr) || ', no message'}`
				);
		for (let attempt = 1; !server.running; attempt++) {
			try {
				restartMs.push(await server.start());
			} catch (e) {
				restartFailures.push(
					`round ${roundNo}, attempt ${attempt}: ${e instanceof Error ? e.message : String(e)}`
				);
				if (attempt >= 2)
					throw new Error(
						`the server did not come back after the kill (${context()}):\n${restartFailures.join('\n')}`,
						{ cause: e }
					);
			}
		}
		probe = await BusyProbe.connect(server.dataDir);

		// Every rating acknowledged before the kill is held; a batch on its way may be held without its answer.
		await until(() => syncRuns === 0);
		const acked = new Set(tablets.flatMap((t) => t.acked()));
		const held = await heldRatingIds(server.dataDir);
		expect(
			[...acked].filter((id) => !held.has(id)),
			`acknowledged ratings missing after the kill (${context()})`
		).toEqual([]);
		// The tablets hold still since the kill: a rating held but not acknowledged was stored without its answer arriving.
		committedUnacked += tablets.flatMap((t) => t.unackedIds()).filter((id) => held.has(id)).length;
		for (const t of tablets) t.loseAnswers = false;
		paused = false;

		// Each import is all or nothing: the dossiers are exactly one version's, the catalogue exactly one version.
		const outcome: string[] = [];
		const report = await reportNow();
		const actual = tableLines(report.throughput.rows, report.throughput.total);
		for (const [i, job] of jobs.entries()) {
			const said =
				results[i].code === 0
					? 'acknowledged'
					: `exit ${results[i].code}${firstError(results[i].stderr)}`;
			let found: string | undefined;
			if (job.kind === 'dossiers' && source && round.dossiers) {
				const states = { year: sources.year.state, month: sources.month.state };
				const before = expectedTable(states);
				const after = expectedTable({ ...states, [round.dossiers]: job.version });
				found = sameLines(actual, after)
					? job.version
					: sameLines(actual, before)
						? source.state
						: undefined;
				expect(
					found,
					`the dossiers of "${source.name}" are neither version ${source.state} nor ${job.version}: a partial import (${context()}, import ${said}).\n` +
						`Report:\n${actual.join('\n')}\nVersion ${job.version}:\n${after.join('\n')}\nVersion ${source.state}:\n${before.join('\n')}`
				).toBeDefined();
				source.state = found === 'A' || found === 'B' ? found : source.state;
			} else if (job.kind === 'catalogue') {
				const now = await catalogueNow();
				expect(
					now,
					`some of the renamed procedures have their new names, some not: a partial catalogue import (${context()}, import ${said})`
				).toBeDefined();
				catalogue.state = now ?? catalogue.state;
				found = now;
			} else if (job.kind === 'backup' && job.out) {
				found = await checkBackup(results[i], job.out);
			}
			if (results[i].code === 0)
				expect(found, `${job.a.name} was acknowledged but is not there (${context()})`).toBe(
					job.version
				);
			outcome.push(`${job.a.name}: ${found === job.version ? 'new' : 'old'} (${said})`);
		}
		kills.push({
			round: roundNo,
			delayMs,
			interrupted: interrupted.length ? interrupted : ['nothing running'],
			outcome
		});
	}

	// The end: the tablets stop rating and send what they still hold until the server has all of it.
	syncing = false;
	await Promise.all(syncLoops);
	await probe.close();
	for (const tablet of tablets) {
		for (let attempt = 0; tablet.unacked() > 0 && attempt < 60; attempt++) {
			if ((await tablet.sync()).kind !== 'done') await sleep(500);
		}
		expect(tablet.unacked(), `tablet ${tablet.spec.counter} could not deliver its ratings`).toBe(0);
		expect(tablet.refused()).toEqual([]);
	}
	const made = tablets.flatMap((t) => t.made());
	const totals = await ratingTotals(server);
	expect(totals, 'every rating made is stored once and counted once').toEqual({
		stored: made.length,
		counted: made.length,
		flagged: 0,
		byLevel: countBy(made, (r) => r.level)
	});

	const report = await reportNow();
	expect(
		tableLines(report.throughput.rows, report.throughput.total),
		'the throughput table is that of the files that survived'
	).toEqual(expectedTable({ year: sources.year.state, month: sources.month.state }));
	expect(report.satisfaction.satisfiedLevels).toEqual(['rat_hai_long', 'hai_long']);
	expect(
		satisfactionFigures(report.satisfaction),
		'the satisfaction figures are those of the ratings made'
	).toEqual(expectedSatisfaction(made, report.satisfaction.satisfiedLevels));
	expect(restartFailures).toEqual([]);
	expect(kills.length).toBeGreaterThanOrEqual(20);
	await rm(work, { recursive: true, force: true });

	const tally = (items: string[]) =>
		[...countByEntries(items)].map(([k, n]) => `${k} ${n}`).join(', ');
	console.log(
		`crash test seed ${SEED}: ${kills.length} kills, ${restartMs.length} restarts (${restartFailures.length} failed, median ${ms(median(restartMs))}, max ${ms(Math.max(...restartMs))}); ` +
			`interrupted: ${tally(kills.flatMap((k) => k.interrupted))}; ` +
			`outcomes: ${tally(kills.flatMap((k) => k.outcome.map((o) => o.replace(/\((exit \S+?): .*\)$/, '($1)'))))}; ` +
			`ratings: ${made.length} made by ${tablets.length} tablets, ${tablets.reduce((n, t) => n + t.resent(), 0)} sent again after a kill, ` +
			`${committedUnacked} of them already stored without the tablet having the answer (acknowledged again, counted once); ${ms(performance.now() - began)}`
	);
	for (const k of kills)
		console.log(
			`  round ${k.round}: killed after ${ms(k.delayMs)}: ${k.interrupted.join(', ')} → ${k.outcome.join(', ') || 'checked'}`
		);
	// Last, so that the data checks above speak first: an administrator's command whose server dies fails, and says so.
	expect(
		cliFaults,
		'every command connected to the server when it was killed exits 1 with a message'
	).toEqual([]);
});

/** What a failed command said, without Vite's notice about its dev server's port (every CLI run prints it). */
function firstError(stderr: string): string {
	const line = stderr
		.split('\n')
		.find((l) => l.trim() !== '' && !l.includes('WebSocket server error'));
	return line ? `: ${line.trim().slice(0, 120)}` : '';
}

function sameLines(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((line, i) => line === b[i]);
}

function byName(a: { name: string }, b: { name: string }): number {
	return a.name.localeCompare(b.name);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
	return Object.fromEntries(countByEntries(items.map(key)));
}

function countByEntries(keys: string[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
	return out;
}

function median(xs: number[]): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function ms(n: number): string {
	return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
