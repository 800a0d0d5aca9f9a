// The fuzz test's inventory (tests/fuzz.spec.ts lists it with each entry's credential): for every endpoint, form
// action and GET page, how to make a request to it with one thing wrong, and how often to send one.
import fc from 'fast-check';
import {
	breakForm,
	encodeForm,
	encodeJson,
	oddFile,
	queryString,
	type Body,
	type Form,
	type FormEncoding,
	type JsonEncoding,
	type Query
} from './encode';
import {
	applyForm,
	catalogueFile,
	code,
	countVoidForm,
	day,
	deviceForm,
	dossierFields,
	dossierFile,
	identityForm,
	manualForm,
	outboxFile,
	passwordForm,
	period,
	ratingSettingsForm,
	syncBody,
	targetsForm,
	type FuzzContext
} from './shapes';
import { badPercent, oddText, oddValue, percentEncode } from './values';

/** Who sends a request: a signed-in role (session cookie), a device or API token (Bearer), or a credential that is not one. */
export type Credential =
	| 'none'
	| 'admin'
	| 'manager'
	| 'viewer'
	| 'city'
	| 'counter'
	| 'kiosk'
	| 'api'
	| 'revoked'
	| 'bogus';

export interface Shot {
	/** The inventory entry, e.g. `POST /admin/devices?/pair`. */
	endpoint: string;
	method: string;
	/** The request target as sent: already encoded, at times deliberately badly. */
	target: string;
	credential: Credential;
	headers: Record<string, string>;
	body: Body | null;
}

export interface Endpoint {
	id: string;
	/** The credential that reaches the endpoint's own code (others are sent too, less often). */
	auth: Credential;
	/** Relative share of the run's requests. */
	weight: number;
	shot: (ctx: FuzzContext) => fc.Arbitrary<Shot>;
}

const OTHER_CREDENTIALS: Credential[] = ['none', 'viewer', 'counter', 'api', 'revoked', 'bogus'];

function credentialFor(main: Credential): fc.Arbitrary<Credential> {
	return fc.oneof(
		{ weight: 10, arbitrary: fc.constant(main) },
		{ weight: 1, arbitrary: fc.constantFrom(...OTHER_CREDENTIALS) }
	);
}

// Mostly as the enhanced forms and machine clients ask (JSON); a page re-rendered after an action is the rarer case.
const accept = fc.constantFrom<string | null>(
	'application/json',
	'application/json',
	'application/json',
	'text/html',
	'*/*',
	null,
	'text/html;q=0.1, */*'
);

function origin(ctx: FuzzContext): fc.Arbitrary<string | null> {
	return fc.oneof(
		{ weight: 12, arbitrary: fc.constant(ctx.origin) },
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				null,
				'http://evil.example',
				'null',
				ctx.origin + '/',
				ctx.origin.toUpperCase()
			)
		}
	);
}

const headerSafe = (s: string) => s.replace(/[^\u0020-\u007e\u0080-\u00ff]/g, '');

/** Headers besides credentials: Accept, Origin, SvelteKit's action marker, now and then an odd Host or If-None-Match. */
function headers(ctx: FuzzContext, form: boolean): fc.Arbitrary<Record<string, string>> {
	return fc
		.tuple(accept, form ? origin(ctx) : fc.constant(null), fc.boolean(), fc.nat(40), oddText)
		.map(([acc, org, action, n, odd]) => {
			const h: Record<string, string> = {};
			if (acc) h.accept = acc;
			if (org) h.origin = org;
			if (form && (action || acc === 'application/json')) h['x-sveltekit-action'] = 'true';
			if (n === 0) h['if-none-match'] = headerSafe(`"${odd}"`);
			if (n === 1) h['x-forwarded-for'] = headerSafe(odd) || '::1';
			if (n === 2)
				h.host = ['[::1', 'a b', 'localhost:99999', '127.0.0.1:1@evil', ''][odd.length % 5];
			return h;
		});
}

const FORM_ENCODINGS: FormEncoding[] = [
	'urlencoded',
	'urlencoded',
	'urlencoded',
	'urlencoded',
	'urlencoded',
	'multipart',
	'multipart',
	'json',
	'text',
	'none',
	'broken-multipart'
];
const FILE_ENCODINGS: FormEncoding[] = [
	'multipart',
	'multipart',
	'multipart',
	'multipart',
	'multipart',
	'multipart',
	'urlencoded',
	'json',
	'text',
	'none',
	'broken-multipart'
];
const JSON_ENCODINGS: JsonEncoding[] = [
	'json',
	'json',
	'json',
	'json',
	'json',
	'json',
	'json',
	'json',
	'json-as-text',
	'form',
	'garbage',
	'none',
	'not-utf8'
];

/** A form action: `?/name` on the page (the default action: the page itself), its form with one thing broken. */
function action(
	path: string,
	name: string,
	auth: Credential,
	form: (ctx: FuzzContext) => fc.Arbitrary<Form>,
	opts: { files?: boolean; weight?: number; credential?: fc.Arbitrary<Credential> } = {}
): Endpoint {
	const target = name === 'default' ? path : `${path}?/${name}`;
	const wrongName = fc.constantFrom(
		`${path}?/nope`,
		`${path}?/`,
		`${path}?/__proto__`,
		`${path}?/constructor`,
		`${path}?/${name}/x`,
		`${path}?/${name}&/${name}`,
		path + (name === 'default' ? '?/default' : '')
	);
	return {
		id: `POST ${target}`,
		auth,
		weight: opts.weight ?? 10,
		shot: (ctx) =>
			fc
				.record({
					target: fc.oneof(
						{ weight: 15, arbitrary: fc.constant(target) },
						{ weight: 1, arbitrary: wrongName }
					),
					credential: opts.credential ?? credentialFor(auth),
					headers: headers(ctx, true),
					form: breakForm(form(ctx)),
					encoding: fc.constantFrom(...(opts.files ? FILE_ENCODINGS : FORM_ENCODINGS))
				})
				.map((s) => ({
					endpoint: `POST ${target}`,
					method: 'POST',
					target: s.target,
					credential: s.credential,
					headers: s.headers,
					body: encodeForm(s.form, s.encoding)
				}))
	};
}

/** A JSON endpoint for machines: a valid-shaped body with one node broken, mostly as JSON. */
function jsonPost(
	path: string,
	auth: Credential,
	body: (ctx: FuzzContext) => fc.Arbitrary<unknown>,
	weight: number
): Endpoint {
	return {
		id: `POST ${path}`,
		auth,
		weight,
		shot: (ctx) =>
			fc
				.record({
					credential: credentialFor(auth),
					headers: headers(ctx, false),
					value: body(ctx),
					encoding: fc.constantFrom(...JSON_ENCODINGS),
					garbage: oddText
				})
				.map((s) => ({
					endpoint: `POST ${path}`,
					method: 'POST',
					target: path,
					credential: s.credential,
					headers: s.headers,
					body: encodeJson(s.value, s.encoding, s.garbage)
				}))
	};
}

/** A GET: the route's path (a parameter filled in by `path`) and a query string with odd values. */
function get(
	id: string,
	auth: Credential,
	path: (ctx: FuzzContext) => fc.Arbitrary<string>,
	query: (ctx: FuzzContext) => fc.Arbitrary<Query>,
	weight: number
): Endpoint {
	return {
		id: `GET ${id}`,
		auth,
		weight,
		shot: (ctx) =>
			fc
				.record({
					path: path(ctx),
					query: queryString(query(ctx)),
					credential: credentialFor(auth),
					headers: headers(ctx, false)
				})
				.map((s) => ({
					endpoint: `GET ${id}`,
					method: 'GET',
					target: s.path + s.query,
					credential: s.credential,
					headers: s.headers,
					body: null
				}))
	};
}

const fixed = (path: string) => () => fc.constant(path);
const noQuery = () => fc.array(fc.tuple(oddText, oddText), { maxLength: 2 });
/** Named parameters, each with a valid-shaped value or an odd one, plus (at times) an unknown one. */
const params =
	(shape: (ctx: FuzzContext) => Record<string, fc.Arbitrary<string>>) =>
	(ctx: FuzzContext): fc.Arbitrary<Query> =>
		fc
			.tuple(
				fc.tuple(
					...Object.entries(shape(ctx)).map(([k, v]) =>
						fc
							.option(fc.oneof({ weight: 4, arbitrary: v }, { weight: 1, arbitrary: oddText }), {
								freq: 6
							})
							.map((x) => [k, x] as const)
					)
				),
				fc.option(fc.tuple(oddText, oddText), { freq: 4 })
			)
			.map(([pairs, extra]) => [
				...pairs
					.filter((p): p is readonly [string, string] => p[1] !== null)
					.map(([k, v]): [string, string] => [k, v]),
				...(extra ? [extra] : [])
			]);

const reportQuery = params((ctx) => {
	const [from, to] = [day(ctx), day(ctx)];
	return { from, to, style: fc.constantFrom('chot-14', 'lich') };
});
/** from and to of one period (both or neither), the style, and for the files a format. */
const periodQuery = (withFormat: boolean) => (ctx: FuzzContext) =>
	fc
		.tuple(
			period(ctx),
			fc.constantFrom('chot-14', 'lich', ''),
			fc.constantFrom('docx', 'xlsx', 'csv', 'pdf', 'DOCX', ''),
			reportQuery(ctx),
			fc.boolean()
		)
		.map(([[from, to], style, format, odd, useOdd]): Query => {
			const q: Query = useOdd
				? odd
				: [
						['from', from],
						['to', to]
					];
			if (style) q.push(['style', style]);
			if (withFormat) q.push(['format', format]);
			return q;
		});

const logoutCredential = fc.constantFrom<Credential>('none', 'bogus', 'revoked', 'counter');

/** Every endpoint, form action and server-rendered page of src/routes (the spec checks none is missing). Entries for
 * the routes other branches of issue 10 add (/admin/users, /admin/reset, /admin/password, /api/v1/devices/pin) are
 * here ahead of them; where a route does not exist yet, its requests answer 404 or the login page. */
export const ENDPOINTS: Endpoint[] = [
	// ---- Machine APIs
	jsonPost('/api/v1/sync', 'counter', syncBody, 150),
	jsonPost(
		'/api/v1/devices/pin',
		'counter',
		() => fc.record({ pin: fc.oneof(fc.stringMatching(/^\d{6,8}$/), oddValue) }),
		6
	),
	jsonPost(
		'/api/v1/devices/pair',
		'none',
		() => fc.record({ code: fc.oneof(fc.stringMatching(/^\d{6}$/), oddValue) }),
		10
	),
	get('/api/v1/catalogue', 'none', fixed('/api/v1/catalogue'), noQuery, 3),
	get('/api/v1/catalogue/popularity', 'kiosk', fixed('/api/v1/catalogue/popularity'), noQuery, 10),
	get('/api/v1/reports', 'api', fixed('/api/v1/reports'), periodQuery(false), 20),
	// ---- Admin: dashboard, sign-in, first run
	get(
		'/admin',
		'viewer',
		fixed('/admin'),
		params((ctx) => ({
			range: fc.constantFrom('this-month', 'previous-month', 'this-quarter', 'this-year'),
			from: day(ctx),
			to: day(ctx),
			refresh: fc.constantFrom('2', '300', '15')
		})),
		5
	),
	get(
		'/admin/dashboard.json',
		'viewer',
		fixed('/admin/dashboard.json'),
		params((ctx) => ({
			range: fc.constantFrom('this-month', 'this-year'),
			from: day(ctx),
			to: day(ctx)
		})),
		15
	),
	action('/admin', 'logout', 'none', () => fc.constant([]), {
		credential: logoutCredential,
		weight: 3
	}),
	get(
		'/admin/login',
		'none',
		fixed('/admin/login'),
		params(() => ({
			next: fc.constantFrom(
				'/admin/reports',
				'//evil.example',
				'/admin/../../x',
				'https://evil.example'
			)
		})),
		3
	),
	action(
		'/admin/login',
		'default',
		'none',
		() =>
			fc
				.tuple(
					fc.constantFrom('khongco', 'ai-do', 'ＱＵＡＮＴＲＩ'),
					fc.constantFrom('sai-mat-khau', '')
				)
				.map(([u, p]): Form => [
					['username', u],
					['password', p]
				]),
		{ weight: 2 }
	),
	get('/admin/setup', 'none', fixed('/admin/setup'), noQuery, 2),
	action(
		'/admin/setup',
		'default',
		'none',
		() =>
			fc.constantFrom<Form>([
				['code', 'ABCDE-12345'],
				['username', 'quantri2'],
				['password', 'mat-khau-dai-du-8'],
				['confirm', 'mat-khau-dai-du-8']
			]),
		{ weight: 3 }
	),
	// ---- Admin: catalogue, devices, dossiers
	get('/admin/catalogue', 'viewer', fixed('/admin/catalogue'), noQuery, 2),
	action(
		'/admin/catalogue',
		'preview',
		'manager',
		(ctx) => catalogueFile(ctx).map((f): Form => [['file', f]]),
		{ files: true, weight: 45 }
	),
	action('/admin/catalogue', 'apply', 'manager', (ctx) => applyForm(catalogueFile(ctx)), {
		files: true,
		weight: 10
	}),
	// The posted list: fields and procedures shown or hidden, pins, counters.
	action(
		'/admin/catalogue',
		'field',
		'manager',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('Hộ tịch', 'Đất đai', 'Hải quan'), oddText),
					fc.oneof(fc.constantFrom('show', 'hide', 'default'), oddText)
				)
				.map(([field, shown]): Form => [
					['field', field],
					['shown', shown]
				]),
		{ weight: 8 }
	),
	action(
		'/admin/catalogue',
		'procedure',
		'manager',
		(ctx) =>
			fc
				.tuple(fc.oneof(code(ctx), oddText), fc.oneof(fc.constantFrom('show', 'hide'), oddText))
				.map(([c, shown]): Form => [
					['code', c],
					['shown', shown]
				]),
		{ weight: 8 }
	),
	action(
		'/admin/catalogue',
		'pin',
		'manager',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('Hộ tịch', 'Đất đai', 'Hải quan'), oddText),
					fc.oneof(fc.constantFrom('pin', 'unpin', 'up', 'down'), oddText)
				)
				.map(([field, move]): Form => [
					['field', field],
					['move', move]
				]),
		{ weight: 8 }
	),
	action(
		'/admin/catalogue',
		'counter',
		'manager',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('Hộ tịch', 'Đất đai', 'Hải quan'), oddText),
					fc.oneof(fc.constantFrom('3', 'Quầy 5', ''), oddText)
				)
				.map(([field, counter]): Form => [
					['field', field],
					['counter', counter]
				]),
		{ weight: 8 }
	),
	get('/admin/devices', 'viewer', fixed('/admin/devices'), noQuery, 2),
	action('/admin/devices', 'pair', 'admin', () => deviceForm, { weight: 15 }),
	action(
		'/admin/devices',
		'revoke',
		'admin',
		() => fc.oneof(fc.uuid(), oddText).map((id): Form => [['id', id]]),
		{ weight: 10 }
	),
	action('/admin/devices', 'settings', 'admin', () => ratingSettingsForm, { weight: 12 }),
	action(
		'/admin/devices',
		'pin',
		'admin',
		() => fc.constantFrom('1234', '12345678', '１２３４').map((pin): Form => [['pin', pin]]),
		{ weight: 8 }
	),
	action(
		'/admin/devices',
		'import',
		'admin',
		(ctx) => fc.oneof(outboxFile(ctx), oddFile).map((f): Form => [['file', f]]),
		{ files: true, weight: 40 }
	),
	action('/admin/devices', 'voidPreview', 'admin', countVoidForm, { weight: 12 }),
	action('/admin/devices', 'void', 'admin', countVoidForm, { weight: 10 }),
	action(
		'/admin/devices',
		'undoVoid',
		'admin',
		() => fc.oneof(fc.uuid(), oddText).map((id): Form => [['id', id]]),
		{ weight: 6 }
	),
	get('/admin/dossiers', 'viewer', fixed('/admin/dossiers'), noQuery, 2),
	action(
		'/admin/dossiers',
		'preview',
		'manager',
		(ctx) =>
			fc.tuple(dossierFile(ctx), dossierFields()).map(([f, rest]): Form => [['file', f], ...rest]),
		{ files: true, weight: 45 }
	),
	action(
		'/admin/dossiers',
		'apply',
		'manager',
		(ctx) => applyForm(dossierFile(ctx), dossierFields()),
		{ files: true, weight: 15 }
	),
	get(
		'/admin/dossiers/manual',
		'viewer',
		fixed('/admin/dossiers/manual'),
		params((ctx) => ({ source: fc.constantFrom('BHXH', 'Một cửa'), from: day(ctx), to: day(ctx) })),
		4
	),
	action('/admin/dossiers/manual', 'save', 'manager', manualForm, { weight: 45 }),
	// ---- Admin: reports and settings
	get('/admin/reports', 'viewer', fixed('/admin/reports'), periodQuery(false), 6),
	get('/admin/reports/print', 'viewer', fixed('/admin/reports/print'), periodQuery(false), 4),
	get('/admin/reports/export', 'viewer', fixed('/admin/reports/export'), periodQuery(true), 6),
	get(
		'/admin/settings',
		'viewer',
		fixed('/admin/settings'),
		params(() => ({ welcome: fc.constantFrom('1', '0') })),
		2
	),
	action('/admin/settings', 'identity', 'admin', () => identityForm, { weight: 25 }),
	action(
		'/admin/settings',
		'document',
		'admin',
		() =>
			fc
				.tuple(fc.oneof(fc.constantFrom('BC-TTPVHCC', 'bc tt'), oddText), oddText, oddText, oddText)
				.map(([reportSymbol, recipients, signerTitle, signerName]): Form => [
					['reportSymbol', reportSymbol],
					['recipients', recipients],
					['signerTitle', signerTitle],
					['signerName', signerName]
				]),
		{ weight: 12 }
	),
	action(
		'/admin/settings',
		'reportIndex',
		'admin',
		() =>
			fc
				.option(fc.oneof(fc.constant('on'), oddText), { nil: null })
				.map((v): Form => (v === null ? [] : [['reportIndex', v]])),
		{ weight: 4 }
	),
	action(
		'/admin/settings',
		'indexRules',
		'admin',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('766-2027-01', '766-2027-07'), oddText),
					fc.oneof(fc.constantFrom('2027-01-01', '2022-06-22', '2027-02-30'), oddText),
					fc.oneof(fc.constant('Quyết định 766/QĐ-TTg sửa đổi'), oddText),
					fc.array(
						fc.oneof(fc.constantFrom('0', '4', '6,5', '20', '21', '-1', '100', ''), oddText),
						{
							minLength: 8,
							maxLength: 8
						}
					)
				)
				.map(([version, inForceFrom, source, cells]): Form => [
					['version', version],
					['inForceFrom', inForceFrom],
					['source', source],
					...['on_time', 'handling_satisfaction', 'online_payment', 'digitised'].flatMap(
						(id, i): Form => [
							[`${id}.max`, cells[2 * i]],
							[`${id}.fullFrom`, cells[2 * i + 1]]
						]
					)
				]),
		{ weight: 12 }
	),
	action(
		'/admin/settings',
		'removeIndexRules',
		'admin',
		() =>
			fc
				.oneof(fc.constantFrom('766-2027-01', '766-2026-12'), oddText)
				.map((version): Form => [['version', version]]),
		{ weight: 4 }
	),
	action('/admin/settings', 'targets', 'admin', () => targetsForm, { weight: 25 }),
	action(
		'/admin/settings',
		'createToken',
		'admin',
		() => fc.constantFrom('Sở Nội vụ', 'Bảng điều khiển').map((name): Form => [['name', name]]),
		{ weight: 12 }
	),
	action(
		'/admin/settings',
		'revokeToken',
		'admin',
		() => fc.oneof(fc.uuid(), oddText).map((id): Form => [['id', id]]),
		{ weight: 8 }
	),
	action('/admin/settings', 'backupNow', 'admin', () => fc.constant([]), { weight: 1 }),
	// ---- Admin: accounts (the run's own accounts are never named, so no action locks the run out)
	get('/admin/users', 'admin', fixed('/admin/users'), noQuery, 2),
	action(
		'/admin/users',
		'create',
		'admin',
		() =>
			fc
				.tuple(
					fc.constantFrom('nhanvien1', 'ＮＨＡＮＶＩＥＮ', 'a'),
					fc.constantFrom('viewer', 'manager', 'admin', 'root')
				)
				.map(([u, r]): Form => [
					['username', u],
					['role', r]
				]),
		{ weight: 8 }
	),
	...['disable', 'enable', 'reset', 'sessions', 'lift'].map((name) =>
		action(
			'/admin/users',
			name,
			'admin',
			() => fc.oneof(fc.uuid(), oddText).map((id): Form => [['id', id]]),
			{ weight: 4 }
		)
	),
	action(
		'/admin/users',
		'role',
		'admin',
		() =>
			fc
				.tuple(fc.oneof(fc.uuid(), oddText), fc.constantFrom('viewer', 'manager', 'admin'))
				.map(([id, role]): Form => [
					['id', id],
					['role', role]
				]),
		{ weight: 4 }
	),
	get(
		'/admin/reset',
		'none',
		fixed('/admin/reset'),
		params(() => ({ code: fc.constantFrom('ABCDE-12345', '') })),
		2
	),
	action('/admin/reset', 'default', 'none', () => passwordForm(['code', 'password', 'confirm']), {
		weight: 4
	}),
	get('/admin/password', 'viewer', fixed('/admin/password'), noQuery, 2),
	action(
		'/admin/password',
		'default',
		'viewer',
		() => passwordForm(['current', 'password', 'confirm']),
		{ weight: 4 }
	),
	get(
		'/admin/settings/backups/[name]',
		'admin',
		() =>
			fc.oneof(
				oddText.map((n) => `/admin/settings/backups/${percentEncode(n)}`),
				badPercent.map((b) => `/admin/settings/backups/x${b}`),
				fc.constantFrom(
					'/admin/settings/backups/..%2F..%2Fadmin.json',
					'/admin/settings/backups/sanhso-2026-01-01.sql.gz'
				)
			),
		noQuery,
		4
	),
	// ---- The city (a city admin's session; a center's roles are refused)
	get('/city', 'city', fixed('/city'), noQuery, 2),
	action(
		'/city',
		'look',
		'city',
		() =>
			fc
				.oneof(fc.constantFrom('demo', 'khong-co', 'DEMO'), oddText)
				.map((center): Form => [['center', center]]),
		{ weight: 4 }
	),
	get('/city/report', 'city', fixed('/city/report'), periodQuery(true), 4),
	get('/city/trend.json', 'city', fixed('/city/trend.json'), periodQuery(false), 2),
	get('/city/centers', 'city', fixed('/city/centers'), noQuery, 2),
	action(
		'/city/centers',
		'create',
		'city',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('phuong-moi', 'demo', 'Phường Mới', ''), oddText),
					fc.oneof(fc.constant('Trung tâm Phục vụ hành chính công phường Mới'), oddText),
					fc.oneof(fc.constantFrom('xa', 'tinh', 'bo', 'huyen'), oddText),
					fc.oneof(fc.constantFrom('moi.example.vn', 'a..b', 'x.vn\ny.vn', ''), oddText)
				)
				.map(([id, name, level, hosts]): Form => [
					['id', id],
					['name', name],
					['level', level],
					['hosts', hosts]
				]),
		{ weight: 8 }
	),
	action(
		'/city/centers',
		'hosts',
		'city',
		() =>
			fc
				.tuple(
					fc.oneof(fc.constantFrom('demo', 'khong-co'), oddText),
					fc.oneof(fc.constantFrom('demo.example.vn', 'bad host', ''), oddText)
				)
				.map(([center, hosts]): Form => [
					['center', center],
					['hosts', hosts]
				]),
		{ weight: 4 }
	),
	// ---- Public pages
	get('/', 'none', fixed('/'), noQuery, 1),
	get(
		'/p/[code]',
		'none',
		(ctx) =>
			fc.oneof(
				{ weight: 4, arbitrary: code(ctx).map((c) => `/p/${percentEncode(c)}`) },
				{ weight: 1, arbitrary: badPercent.map((b) => `/p/1.000178${b}`) }
			),
		params(() => ({ src: fc.constantFrom('qr', 'kiosk') })),
		30
	),
	get(
		'/p',
		'none',
		fixed('/p'),
		params(() => ({ q: fc.oneof(fc.constantFrom('khai sinh', 'chứng thực'), oddText) })),
		6
	),
	get(
		'/posters',
		'none',
		fixed('/posters'),
		params(() => ({
			level: fc.constantFrom('xa', 'tinh', 'bo', 'khac'),
			field: fc.constantFrom('Hộ tịch', 'Đất đai')
		})),
		3
	),
	get('/posters/print.js', 'none', fixed('/posters/print.js'), noQuery, 2),
	get(
		'static and device shells',
		'none',
		() =>
			fc.oneof(
				fc.constantFrom(
					'/kiosk',
					'/rate',
					'/device',
					'/kiosk/procedures',
					'/sw.js',
					'/manifest.webmanifest',
					'/robots.txt',
					'/_app/version.json'
				),
				fc
					.tuple(
						fc.constantFrom('/kiosk/procedures/', '/_app/', '/_app/immutable/', '/icons/', '/'),
						fc.oneof(oddText.map(percentEncode), badPercent)
					)
					.map(([a, b]) => a + b)
			),
		noQuery,
		15
	),
	// SvelteKit's data requests for client navigation, one per page with a server load.
	get(
		'[page]/__data.json',
		'viewer',
		() =>
			fc.constantFrom(
				'/admin/__data.json',
				'/admin/catalogue/__data.json',
				'/admin/devices/__data.json',
				'/admin/dossiers/__data.json',
				'/admin/dossiers/manual/__data.json',
				'/admin/reports/__data.json',
				'/admin/reports/print/__data.json',
				'/admin/settings/__data.json',
				'/admin/login/__data.json',
				'/admin/setup/__data.json',
				'/p/1.000178/__data.json',
				'/posters/__data.json',
				'/__data.json'
			),
		(ctx) =>
			fc
				.tuple(fc.constantFrom('01', '10', '1', '', '0000', 'zz', '1'.repeat(50)), reportQuery(ctx))
				.map(([inv, q]): Query => [['x-sveltekit-invalidated', inv], ...q]),
		10
	)
];

const PREFIXES = [
	'/admin',
	'/admin/',
	'/admin/settings/backups/',
	'/admin/reports/',
	'/admin/login',
	'/admin/setup',
	'/api/v1/',
	'/api/v1/sync',
	'/p/',
	'/posters',
	'/kiosk/',
	'/'
];

/** Paths no link makes: bad percent-encoding, dot segments, doubled slashes, a trailing slash, after any route's start.
 * Anonymous mostly: an /admin path answers a visitor with the login page, which is where such paths went wrong. */
export const ODD_PATHS: Endpoint = {
	id: '* odd paths',
	auth: 'none',
	weight: 20,
	shot: (ctx) =>
		fc
			.record({
				prefix: fc.constantFrom(...PREFIXES),
				odd: fc.oneof(
					badPercent,
					oddText.map(percentEncode),
					fc.constantFrom(
						'/',
						'//',
						'/./',
						'/../',
						'%2F..%2F',
						'.',
						'..',
						'__data.json',
						'x/__data.json',
						'%5C',
						';jsessionid=1'
					)
				),
				method: fc.constantFrom('GET', 'GET', 'GET', 'POST', 'HEAD'),
				credential: fc.constantFrom<Credential>(
					'none',
					'none',
					'none',
					'viewer',
					'admin',
					'counter',
					'bogus'
				),
				headers: headers(ctx, true)
			})
			.map((s) => ({
				endpoint: `${s.method} ${s.prefix}… (odd path)`,
				method: s.method,
				target: s.prefix + s.odd,
				credential: s.credential,
				headers: s.headers,
				body: s.method === 'POST' ? encodeForm([['name', 'x']], 'urlencoded') : null
			}))
};

/** Any inventory path with a method it does not take, or an unusual one. */
export const WRONG_METHODS: Endpoint = {
	id: '* wrong method',
	auth: 'admin',
	weight: 10,
	shot: (ctx) =>
		fc
			.record({
				method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'POST', 'GET'),
				path: fc.constantFrom(
					'/api/v1/sync',
					'/api/v1/devices/pair',
					'/api/v1/catalogue',
					'/api/v1/reports',
					'/admin',
					'/admin/devices',
					'/admin/reports/export',
					'/admin/dashboard.json',
					'/p/1.000178',
					'/posters',
					'/kiosk',
					'/admin/settings/backups/x'
				),
				credential: credentialFor('admin'),
				headers: headers(ctx, true),
				body: fc.option(oddText.map((t) => encodeJson({ t }, 'json', t)))
			})
			.map((s) => ({
				endpoint: `${s.method} ${s.path} (wrong method)`,
				method: s.method,
				target: s.path,
				credential: s.credential,
				headers: s.headers,
				body: s.method === 'GET' || s.method === 'HEAD' ? null : s.body
			}))
};
