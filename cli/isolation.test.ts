// Isolation of the CLI in a city (issue 13): two centers in one database, every command of the CLI run as the first
// center's operator (CENTER_ID=alfa), aimed at the second center's accounts, devices and data where it takes a name or
// an id. Nothing of the second center shows in any output, and every row of it is the same afterwards. A command that
// acts on the whole deployment (centers, backups) is named as such; a new command must join one list or the other.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as users from '$lib/server/auth/users';
import * as auth from '$lib/server/auth';
import { carriedRows } from '$lib/server/backup/center';
import { quote } from '$lib/server/backup/catalog';
import * as center from '$lib/server/center';
import type { Config } from '$lib/server/config';
import type { Db } from '$lib/server/db';
import * as devices from '$lib/server/devices';
import { pairTestDevice } from '$lib/server/devices/testing';
import * as sync from '$lib/server/sync';
import { rating } from '$lib/server/sync/testing';
import { bootTest, engines } from '$lib/server/testing';
import { COMMANDS } from './index';
import { cliRunner } from './testing';

const ALFA = 'alfa';
const BETA = 'beta';
/** Words that appear only in the second center's data: its name, accounts, devices, procedures, comments, dossiers. */
const BETA_MARKS = ['betaxyz', 'beta.quantri', 'beta.xem', 'Máy betaxyz', 'BETAXYZ-HS'];
const PASSWORD = 'mat-khau-dai-du-8';
const AT = new Date('2026-04-01T02:00:00Z');

const CATALOGUE_HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const DOSSIER_HEADER =
	'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai';

describe.each(engines)('the CLI of one center in a city on %s', (engine) => {
	let db: Db;
	let cfg: Config;
	let dir: string;
	let betaDevice: string;
	const as = (centerId: string) =>
		cliRunner(async () => ({ db, cfg: { ...cfg, CENTER_ID: centerId } }));

	/** A center's data, every name in it carrying the center's mark. */
	async function makeCenter(id: string, mark: string): Promise<string> {
		// The first center is the configured one, made at start; the second is added as a city adds one.
		if (!(await center.exists(id))) {
			const made = await center.create({
				id,
				name: `Trung tâm ${mark}`,
				level: 'xa',
				hosts: [`${id}.example.vn`]
			});
			if (!made.ok) throw new Error(made.message);
		}
		await users.create(id, { username: `${id}.quantri`, password: PASSWORD, role: 'admin' });
		await users.create(id, { username: `${id}.xem`, password: PASSWORD, role: 'viewer' });
		const tablet = await pairTestDevice(`Máy ${mark}`, { centerId: id, now: AT });
		const ratings = [
			rating({
				ratedAt: AT.getTime(),
				comment: `Góp ý ${mark}`,
				level: 'khong_hai_long',
				reasons: ['thoi_gian_cho']
			}),
			rating({ ratedAt: AT.getTime() + 3_600_000 })
		];
		const device = { appVersion: 'test', backlog: 0, persistent: true };
		// Sent a day later, so the second rating's time holds (a rating is never dated after its receipt).
		const sent = AT.getTime() + 86_400_000;
		await sync.ingest(tablet.device, { sentAt: sent, device, ratings, counts: [] }, new Date(sent));
		const run = as(id);
		expect((await run(['catalogue', 'import', await catalogueFile(id, mark)])).exit).toBe(0);
		expect(
			(
				await run([
					'dossiers',
					'import',
					await dossierFile(id, mark),
					'--source',
					`Một cửa ${mark}`
				])
			).exit
		).toBe(0);
		return tablet.device.id;
	}

	async function catalogueFile(id: string, mark: string): Promise<string> {
		const file = path.join(dir, `${id}-thu-tuc.csv`);
		await writeFile(
			file,
			[
				CATALOGUE_HEADER,
				`1.${id},Thủ tục ${mark},Hộ tịch,Cấp xã,UBND cấp xã,Trực tiếp,5 ngày,Miễn phí,`
			].join('\n')
		);
		return file;
	}

	async function dossierFile(id: string, mark: string): Promise<string> {
		const file = path.join(dir, `${id}-ho-so.csv`);
		await writeFile(
			file,
			[
				DOSSIER_HEADER,
				`${mark.toUpperCase()}-HS-1,Hộ tịch,truc_tiep,2026-03-16,2026-03-20,2026-03-18,da_tra_ket_qua`
			].join('\n')
		);
		return file;
	}

	/** Every row of the second center, in every table a center's move carries, and its accounts' sessions. */
	async function betaRows(): Promise<Record<string, string[]>> {
		const out: Record<string, string[]> = {};
		for (const { table, where } of (await carriedRows(db, BETA)).tables)
			out[table.name] = (
				await db.query<{ j: string }>(
					`SELECT row_to_json(x)::text AS j FROM ${quote(table.name)} x WHERE ${where} ORDER BY 1`
				)
			).map((r) => r.j);
		return out;
	}

	beforeAll(async () => {
		({ db, cfg } = await bootTest(engine, { CENTER_ID: ALFA }));
		dir = await mkdtemp(path.join(tmpdir(), 'sanhso-isolation-'));
		await makeCenter(ALFA, 'alfaxyz');
		betaDevice = await makeCenter(BETA, 'betaxyz');
	});
	afterAll(() => db.close());

	/** Each command of the center's operator, aimed at the second center wherever it takes a name or an id. */
	const aimed = (): Record<string, { args: string[]; stdin?: string; refused?: true }[]> => ({
		'catalogue import': [{ args: ['catalogue', 'import', path.join(dir, 'alfa-thu-tuc.csv')] }],
		'user create': [
			{
				args: ['user', 'create', '--username', 'alfa.moi', '--role', 'viewer'],
				stdin: 'mat-khau-moi-du-dai\n'
			},
			{
				args: ['user', 'create', '--username', 'beta.quantri', '--role', 'admin'],
				stdin: 'mat-khau-moi-du-dai\n',
				refused: true
			}
		],
		'user list': [{ args: ['user', 'list'] }],
		'user disable': [{ args: ['user', 'disable', '--username', 'beta.quantri'], refused: true }],
		'user enable': [{ args: ['user', 'enable', '--username', 'beta.xem'], refused: true }],
		'user reset': [{ args: ['user', 'reset', '--username', 'beta.quantri'], refused: true }],
		'user role': [
			{ args: ['user', 'role', '--username', 'beta.xem', '--role', 'admin'], refused: true }
		],
		'user end-sessions': [
			{ args: ['user', 'end-sessions', '--username', 'beta.quantri'], refused: true }
		],
		'user unblock': [{ args: ['user', 'unblock', '--username', 'beta.quantri'], refused: true }],
		'device pair': [{ args: ['device', 'pair', '--name', 'Máy mới', '--kind', 'counter'] }],
		'device list': [{ args: ['device', 'list'] }],
		'device revoke': [{ args: ['device', 'revoke', betaDevice], refused: true }],
		'ratings settings': [{ args: ['ratings', 'settings', '--scale', '5', '--min-interval', '30'] }],
		'ratings summary': [
			{ args: ['ratings', 'summary', '--from', '2026-03-01', '--to', '2026-04-30'] }
		],
		'dossiers import': [
			{
				args: [
					'dossiers',
					'import',
					path.join(dir, 'alfa-ho-so.csv'),
					'--source',
					'Một cửa alfaxyz'
				]
			}
		],
		report: ['json', 'text', 'csv'].map((format) => ({
			args: ['report', '--from', '2026-03-15', '--to', '2026-04-14', '--format', format]
		}))
	});
	/** The deployment's commands: its centers and its whole database, the city operator's, not a center's. */
	const DEPLOYMENT = [
		'backup',
		'restore',
		'center create',
		'center list',
		'center hosts',
		'center export',
		'center import'
	];

	it('names every command of the CLI: aimed at the other center below, or acting on the whole deployment', () => {
		const named = [...Object.keys(aimed()), ...DEPLOYMENT].sort();
		expect(COMMANDS.map((c) => c.name).sort()).toEqual(named);
		expect(
			COMMANDS.filter((c) => c.deployment)
				.map((c) => c.name)
				.sort()
		).toEqual([...DEPLOYMENT].sort());
	});

	it("run as the first center's operator, no command shows or changes anything of the second", async () => {
		const before = await betaRows();
		for (const table of ['users', 'devices', 'ratings', 'rating_days', 'procedures', 'dossiers'])
			expect(before[table].length, table).toBeGreaterThan(0);
		const run = as(ALFA);
		for (const [name, calls] of Object.entries(aimed()))
			for (const call of calls) {
				const result = await run(call.args, call.stdin);
				const said = `${result.out}\n${result.err}`;
				// A refusal may repeat the name it was given (user names are unique in the whole deployment), nothing else.
				const marks = BETA_MARKS.filter((m) => !call.args.some((a) => a.includes(m)));
				for (const mark of marks)
					expect(said, `${call.args.join(' ')} shows ${mark}`).not.toContain(mark);
				if (call.refused) expect(result.exit, `${name} is refused`).not.toBe(0);
				else expect(result.exit, `${name}: ${result.err}`).toBe(0);
			}
		expect(await betaRows()).toEqual(before);
		const login = await auth.login({ username: 'beta.quantri', password: PASSWORD }, '10.1.0.1');
		expect(login.ok && login.user.role).toBe('admin');
		expect((await devices.byId(betaDevice))?.revokedAt ?? null).toBeNull();
	});

	it("the first center's report and summary count its own ratings only", async () => {
		const summary = await as(ALFA)([
			'ratings',
			'summary',
			'--from',
			'2026-03-01',
			'--to',
			'2026-04-30'
		]);
		expect(JSON.parse(summary.out)).toMatchObject({ stored: 2 });
		const report = await as(ALFA)([
			'report',
			'--from',
			'2026-03-15',
			'--to',
			'2026-04-14',
			'--format',
			'json'
		]);
		const parsed = JSON.parse(report.out) as { satisfaction: { counted: number } };
		expect(parsed.satisfaction.counted).toBe(2);
	});
});
