// Running a center for months: one server per data directory, the CLI through the running server, clean stops
// whichever entry started the server, and request bodies refused over their endpoint's limit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, AppServer } from './support/server';
import { PASSWORD, signIn } from './support/admin';
import { cliOn, pairingCode } from '../harness/cli';
import { ROOT } from '../harness/app-server';

/** Starts a process on `dataDir` and resolves with its exit code and output once it exits (30 s at most). */
function runUntilExit(
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	return new Promise((resolve) =>
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		})
	);
}

test('a second server on the same data directory refuses at once, naming the directory and the holder', async ({
	server
}) => {
	const holder = await (await fetch(server.url + '/api/v1/catalogue')).text();
	expect(holder.length).toBeGreaterThan(0);
	const { code, output } = await runUntilExit(['scripts/server.js'], {
		DATA_DIR: server.dataDir,
		PORT: '0'
	});
	expect(code).toBe(1);
	expect(output).toContain(`DATA_DIR ${server.dataDir} is in use by a Sảnh số server (pid `);
	// The first server is untouched.
	expect((await fetch(server.url + '/api/v1/catalogue')).status).toBe(200);
});

test('CLI commands given while the server runs take effect in it at once', async ({
	server,
	page
}) => {
	// An account made from the terminal signs in straight away.
	await cliOn(
		server,
		['user', 'create', '--username', 'truongphong', '--role', 'manager'],
		PASSWORD
	);
	await signIn(page, 'truongphong');

	// A pairing code made from the terminal pairs a tablet.
	const code = await pairingCode(server, [
		'--name',
		'Quầy 1',
		'--kind',
		'counter',
		'--counter',
		'1'
	]);
	const paired = await fetch(server.url + '/api/v1/devices/pair', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ code })
	});
	expect(paired.status).toBe(200);
	expect((await paired.json()).token).toMatch(/.{20,}/);

	// Dossiers imported from the terminal are in the report.
	const file = path.join(await mkdtemp(path.join(tmpdir(), 'sanhso-ops-')), 'ho-so.csv');
	await writeFile(
		file,
		[
			'ma_ho_so,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai',
			'HS-1,Hộ tịch,truc_tiep,2026-04-20,2026-04-22,2026-04-21,da_tra_ket_qua',
			'HS-2,Hộ tịch,truc_tuyen,2026-04-21,2026-04-23,,dang_xu_ly',
			'HS-3,Chứng thực,truc_tiep,2026-05-02,2026-05-02,2026-05-02,da_tra_ket_qua'
		].join('\n')
	);
	await cliOn(server, ['dossiers', 'import', file]);
	const report = await page.request.get('/api/v1/reports?from=2026-04-15&to=2026-05-14');
	expect(report.status()).toBe(200);
	const body = await report.json();
	expect(body.throughput.total.received.total).toBe(3);
});

for (const entry of [
	{ name: 'npm start (scripts/server.js)', args: ['scripts/server.js'] },
	{ name: "adapter-node's own entry (node build)", args: ['build'] }
]) {
	test(`SIGTERM stops ${entry.name} cleanly: the process exits, the lock is gone, the next start finds the data`, async () => {
		const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'sanhso-stop-')), 'data');
		const port = String(40_000 + Math.floor(Math.random() * 20_000));
		const child = spawn(process.execPath, entry.args, {
			cwd: ROOT,
			env: {
				PATH: process.env.PATH ?? '',
				DATA_DIR: dataDir,
				PORT: port,
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const exited = new Promise<number | null>((resolve) =>
			child.on('exit', (code) => resolve(code))
		);
		await expect
			.poll(
				() =>
					fetch(`http://127.0.0.1:${port}/api/v1/catalogue`).then(
						(r) => r.status,
						() => 0
					),
				{ timeout: 60_000 }
			)
			.toBe(200);
		// A client holding a kept-alive connection must not keep the process alive.
		const agent = await fetch(`http://127.0.0.1:${port}/api/v1/catalogue`, {
			headers: { Connection: 'keep-alive' }
		});
		await agent.arrayBuffer();
		expect(existsSync(path.join(dataDir, 'sanhso.lock'))).toBe(true);
		child.kill('SIGTERM');
		const killedAfter = setTimeout(() => child.kill('SIGKILL'), 8_000);
		const code = await exited;
		clearTimeout(killedAfter);
		expect(code, output).toBe(0);
		expect(output).toContain('"event":"stopped"');
		expect(existsSync(path.join(dataDir, 'sanhso.lock'))).toBe(false);
		expect(existsSync(path.join(dataDir, 'admin.json'))).toBe(false);

		// The same directory opens again at once, with what the first start put there.
		const again = await AppServer.launch({ dataDir, label: 'restart' });
		try {
			const catalogue = await (await fetch(again.url + '/api/v1/catalogue')).json();
			expect(catalogue.procedures.length).toBe(2643);
		} finally {
			await again.dispose();
		}
	});
}

/**
 * Posts a body the server refuses before reading it, as a careful client does: the headers (with the length) and a
 * first piece, then the rest only if no answer came. fetch() sends it all at once, and when the server answers and
 * closes meanwhile, the reset can reach the client before the answer is read ("fetch failed": once in CI).
 */
function postRefused(
	url: string,
	headers: Record<string, string>,
	body: string | Uint8Array
): Promise<{ status: number; text: string }> {
	const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = request(
			url,
			{ method: 'POST', headers: { ...headers, 'Content-Length': String(bytes.length) } },
			(res) => {
				answered = true;
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					resolve({ status: res.statusCode ?? 0, text });
					req.destroy();
				});
				res.on('error', reject);
			}
		);
		req.on('error', (e) => {
			if (!answered) reject(e);
		});
		req.write(bytes.subarray(0, 64 * 1024));
		setTimeout(() => {
			if (!answered) req.end(bytes.subarray(64 * 1024));
		}, 1_000);
	});
}

test('a body over its endpoint limit is refused with 413 and a Vietnamese message, before it is read', async ({
	server
}) => {
	const code = await pairingCode(server, ['--name', 'Quầy 2', '--kind', 'counter']);
	const { token } = await (
		await fetch(server.url + '/api/v1/devices/pair', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ code })
		})
	).json();
	const tooBig = JSON.stringify({
		device: {},
		ratings: [],
		counts: [],
		padding: 'x'.repeat(3 * 1024 * 1024)
	});
	const sync = await postRefused(
		server.url + '/api/v1/sync',
		{ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
		tooBig
	);
	expect(sync.status).toBe(413);
	expect(JSON.parse(sync.text).message).toMatch(/lớn hơn mức cho phép \(2 MB\)/);

	// The dossier upload takes a real year of dossiers, but not 50 MB; a form post elsewhere is small.
	const upload = await postRefused(
		server.url + '/admin/dossiers?/preview',
		{
			'Content-Type': 'multipart/form-data; boundary=x',
			Origin: server.url,
			'x-sveltekit-action': 'true'
		},
		new Uint8Array(50 * 1024 * 1024)
	);
	expect(upload.status).toBe(413);
	expect(JSON.parse(upload.text).error.message).toMatch(/40 MB/);
	const login = await postRefused(
		server.url + '/admin/login',
		{ 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
		'username=a&password=' + 'x'.repeat(2 * 1024 * 1024)
	);
	expect(login.status).toBe(413);
	expect(login.text).toMatch(/Dữ liệu gửi lên lớn hơn mức cho phép \(1 MB\)/);
});
