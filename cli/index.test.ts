import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bootTest, engines } from '$lib/server/testing';
import type { Db } from '$lib/server/db';
import type { Config } from '$lib/server/config';
import * as auth from '$lib/server/auth';
import * as catalogue from '$lib/server/catalogue';
import { boot } from '$lib/server/boot';
import * as center from '$lib/server/center';
import { cliRunner } from './testing';

const HEADER =
	'ma_thu_tuc,ten_thu_tuc,linh_vuc,cap_thuc_hien,co_quan_thuc_hien,hinh_thuc_nop,thoi_han,phi_le_phi,url';
const row = (code: string, level = 'Cấp xã') =>
	`${code},Thủ tục ${code},Hộ tịch,${level},UBND cấp xã,Trực tiếp,5 ngày,Miễn phí,`;

describe.each(engines)('the CLI on %s', (engine) => {
	let db: Db;
	let cfg: Config;
	let dir: string;
	const run = cliRunner(async () => ({ db, cfg }));
	const file = async (name: string, ...rows: string[]) => {
		const p = path.join(dir, name);
		await writeFile(p, [HEADER, ...rows].join('\n'));
		return p;
	};
	const userCount = async () =>
		(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0].n;

	beforeAll(async () => {
		({ db, cfg } = await bootTest(engine));
		dir = await mkdtemp(path.join(tmpdir(), 'sanhso-cli-'));
	});
	afterAll(() => db.close());

	it('user create makes an account that can then sign in', async () => {
		const result = await run(
			['user', 'create', '--username', 'Hoa', '--role', 'manager'],
			'mat-khau-cua-hoa\n'
		);
		expect(result).toMatchObject({ exit: 0, out: 'Created manager "hoa" in center test.' });
		const login = await auth.login({ username: 'hoa', password: 'mat-khau-cua-hoa' }, '127.0.0.1');
		expect(login.ok && login.user.role).toBe('manager');
	});

	it("center create adds a center of the city with its host names; a city role's account has no center", async () => {
		const made = await run([
			'center',
			'create',
			'ben-thanh',
			'--name',
			'Trung tâm Phục vụ hành chính công phường Bến Thành',
			'--hosts',
			'BenThanh.hcmc.gov.vn,bt.example.vn'
		]);
		expect(made.exit).toBe(0);
		expect(made.out).toContain(
			'Created center ben-thanh "Trung tâm Phục vụ hành chính công phường Bến Thành" on benthanh.hcmc.gov.vn, bt.example.vn.'
		);
		const list = await run(['center', 'list']);
		expect(list.out).toContain(
			'ben-thanh\txa\tTrung tâm Phục vụ hành chính công phường Bến Thành\tbenthanh.hcmc.gov.vn,bt.example.vn'
		);
		// The same code again, a host another center has, a bad host: refused, nothing changed.
		const again = await run(['center', 'create', 'ben-thanh', '--name', 'Khác']);
		expect(again).toMatchObject({ exit: 1 });
		expect(again.err).toContain('Đã có trung tâm mang mã ben-thanh.');
		const taken = await run(['center', 'hosts', 'test', '--hosts', 'bt.example.vn']);
		expect(taken.exit).toBe(1);
		expect(taken.err).toContain('bt.example.vn đã thuộc một trung tâm khác');
		const bad = await run(['center', 'create', 'x', '--name', 'X', '--hosts', 'a b!']);
		expect(bad.exit).toBe(2);
		expect(bad.err).toContain('Tên miền chỉ gồm');
		expect((await run(['center', 'hosts', 'ben-thanh', '--hosts='])).exit).toBe(0);
		expect((await run(['center', 'list'])).out).toContain('Bến Thành\t-');

		const city = await run(
			['user', 'create', '--username', 'thanhpho', '--role', 'city_admin'],
			'mat-khau-thanh-pho\n'
		);
		expect(city).toMatchObject({
			exit: 0,
			out: 'Created city_admin "thanhpho" for the city (every center).'
		});
		const [row] = await db.query<{ center_id: string | null }>(
			`SELECT center_id FROM users WHERE username = 'thanhpho'`
		);
		expect(row.center_id).toBeNull();
	});

	it('a bad role exits non-zero, says why, and creates nothing', async () => {
		const before = await userCount();
		const result = await run(
			['user', 'create', '--username', 'tuan', '--role', 'boss'],
			'mat-khau-du-dai\n'
		);
		expect(result.exit).toBe(2);
		expect(result.err).toContain(
			'--role must be admin, manager, viewer, city_admin or city_viewer, not "boss"'
		);
		expect(await userCount()).toBe(before);
	});

	it('a password shorter than 10 characters, a common one, or none at all is refused and creates nothing', async () => {
		const before = await userCount();
		const short = await run(['user', 'create', '--username', 'tuan', '--role', 'viewer'], 'ngan\n');
		expect(short).toMatchObject({
			exit: 1,
			err: 'The password must be 10 to 200 characters long, without control characters.'
		});
		for (const common of ['password', '12345678', 'matkhau123', 'MatKhau123', '123456789a']) {
			const refused = await run(
				['user', 'create', '--username', 'tuan', '--role', 'viewer'],
				`${common}\n`
			);
			expect(refused.exit, common).toBe(1);
		}
		expect(
			(await run(['user', 'create', '--username', 'tuan', '--role', 'viewer'], 'matkhau123\n')).err
		).toContain('quá phổ biến');
		const none = await run(['user', 'create', '--username', 'tuan', '--role', 'viewer'], '');
		expect(none.exit).toBe(1);
		expect(none.err).toContain('No password');
		expect(await userCount()).toBe(before);
	});

	it('an existing username exits 1 and the first account keeps its password', async () => {
		const result = await run(
			['user', 'create', '--username', 'hoa', '--role', 'admin'],
			'mat-khau-moi-123\n'
		);
		expect(result).toMatchObject({
			exit: 1,
			err: 'User "hoa" already exists; nothing was changed.'
		});
		const login = await auth.login({ username: 'hoa', password: 'mat-khau-cua-hoa' }, '127.0.0.2');
		expect(login.ok && login.user.role).toBe('manager');
	});

	it('catalogue import --dry-run prints what would change and writes nothing; without it, applies', async () => {
		const p = await file('good.csv', row('9.000001'), row('9.000002'));
		const dry = await run(['catalogue', 'import', p, '--dry-run']);
		expect(dry.exit).toBe(0);
		expect(dry.out).toContain('nothing was written');
		expect(dry.out).toMatch(/added: +2 +9\.000001, 9\.000002/);
		expect(await catalogue.active('test')).toEqual([]);
		const applied = await run(['catalogue', 'import', p]);
		expect(applied.exit).toBe(0);
		expect((await catalogue.active('test')).map((x) => x.code)).toEqual(['9.000001', '9.000002']);
	});

	it('catalogue import of a bad file prints every error by row and column, exits 1 and changes nothing', async () => {
		const before = await catalogue.active('test');
		const p = await file('bad.csv', row('9.000003'), row('9.000004', 'Cấp huyện'), ',,,,,,,,');
		const result = await run(['catalogue', 'import', p]);
		expect(result.exit).toBe(1);
		expect(result.err).toContain('nothing was written');
		expect(result.err).toContain('dòng 3, cột cap_thuc_hien: "Cấp huyện" không phải cấp thực hiện');
		expect(result.err).toContain('dòng 4, cột ma_thu_tuc: không được để trống');
		expect(await catalogue.active('test')).toEqual(before);
	});

	it("center export writes one center's file; center import over that center's data is refused, --replace loads it", async () => {
		const out = path.join(dir, 'test.center.gz');
		const exported = await run(['center', 'export', 'test', '--out', out]);
		expect(exported.exit).toBe(0);
		expect(exported.out).toMatch(/^Center test written: .*test\.center\.gz \(.* MB, \d+ rows\)\.$/);
		expect((await run(['center', 'export', 'test', '--out', out])).err).toContain('already exists');
		const unknown = await run(['center', 'export', 'khong-co', '--out', path.join(dir, 'x.gz')]);
		expect(unknown).toMatchObject({
			exit: 1,
			err: 'There is no center khong-co in this database. Nothing was written.'
		});
		const odd = await run(['center', 'export', 'Không Có', '--out', path.join(dir, 'y.gz')]);
		expect(odd.exit).toBe(2);
		expect(odd.err).toContain('no center can be named Không Có');
		const users = await userCount();
		const refused = await run(['center', 'import', out]);
		expect(refused.exit).toBe(1);
		expect(refused.err).toContain('Center test already holds data here');
		const replaced = await run(['center', 'import', out, '--replace']);
		expect(replaced.exit).toBe(0);
		expect(replaced.out).toMatch(/Imported center test: \d+ rows\./);
		expect(await userCount()).toBe(users);
		const whole = await run(['restore', out, '--force']);
		expect(whole.exit).toBe(1);
		expect(whole.err).toContain('center import');
	});

	it('a mistyped CENTER_ID in a database of other centers makes no center; the center’s commands refuse it', async () => {
		const typo = { ...cfg, CENTER_ID: 'tset' };
		await boot(typo, db, { createCenter: false });
		expect(await center.exists('tset')).toBe(false);
		const runTypo = cliRunner(async () => ({ db, cfg: typo }));
		const users = await userCount();
		const refused = await runTypo(
			['user', 'create', '--username', 'moi', '--role', 'viewer'],
			'mat-khau-du-dai-1\n'
		);
		expect(refused).toMatchObject({
			exit: 1,
			err: 'CENTER_ID=tset names no center of this database; nothing was changed. `center list` shows its centers.'
		});
		expect(await userCount()).toBe(users);
		expect(await center.exists('tset')).toBe(false);
		// What acts on the deployment, not in a center, still runs.
		expect((await runTypo(['center', 'list'])).exit).toBe(0);
	});

	it('a missing file exits 1 before touching the database', async () => {
		const result = await run(['catalogue', 'import', path.join(dir, 'none.csv')]);
		expect(result).toMatchObject({ exit: 1, err: expect.stringContaining('no such file') });
	});
});

describe('the CLI without a database', () => {
	const run = cliRunner(() => Promise.reject(new Error('the database must not be opened')));

	it('an unknown command prints the usage and exits 2', async () => {
		const result = await run(['dossiers', 'frobnicate']);
		expect(result.exit).toBe(2);
		expect(result.err).toContain('Unknown command: dossiers frobnicate');
		expect(result.err).toContain('user create --username NAME --role admin|manager|viewer');
	});

	it('an unknown option is a usage error, exit 2', async () => {
		const result = await run(['catalogue', 'import', 'x.csv', '--dryrun']);
		expect(result.exit).toBe(2);
		expect(result.err).toContain('unknown option --dryrun');
	});

	it('--help prints every command, from a real process', async () => {
		const { stdout } = await promisify(execFile)(process.execPath, [
			'scripts/vite-run.js',
			'cli/index.ts',
			'--help'
		]);
		expect(stdout).toContain('Usage: npm run cli -- COMMAND');
		expect(stdout).toContain('catalogue import FILE [--dry-run]');
	});
});
