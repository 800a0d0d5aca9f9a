// The only reader of process.env: validates the configuration once; a bad value names its variable.
import { z } from 'zod';
import { CENTER_LEVELS } from '$lib/domain/procedure';
import { centerIdentitySchema } from '$lib/schemas/center';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const postgresUrl = z
	.string()
	.regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

const schema = z.object({
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: postgresUrl.optional(),
	// A read replica of DATABASE_URL: reports, the dashboard and the city table read their figures from it.
	READ_DATABASE_URL: postgresUrl.optional(),
	PUBLIC_URL: z
		.url({
			protocol: /^https?$/,
			message: 'must be an http(s) URL such as https://hcc.example.gov.vn'
		})
		.transform((u) => u.replace(/\/+$/, ''))
		.optional(),
	QR_TARGET: z
		.enum(['public', 'portal'], { message: "must be 'public' (count scans) or 'portal'" })
		.default('public'),
	PORTAL_SEARCH_TEMPLATE: z
		.string()
		.refine(
			(t) => t.includes('{code}') && /^https?:\/\//.test(t),
			'must be an http(s) URL containing {code}'
		)
		.default('https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword={code}'),
	CENTER_ID: z
		.string()
		.regex(/^[a-z0-9-]{1,40}$/, 'must be 1-40 lower-case letters, digits or dashes')
		.default('demo'),
	// The center's identity: defaults for its first start only; from then on /admin/settings (the database) wins.
	CENTER_NAME: centerIdentitySchema.shape.name.default(
		'Trung tâm Phục vụ hành chính công (dữ liệu mẫu)'
	),
	CENTER_LEVEL: z.enum(CENTER_LEVELS, { message: "must be 'xa', 'tinh' or 'bo'" }).default('xa'),
	CENTER_GOVERNING_BODY: centerIdentitySchema.shape.governingBody.default(''),
	CENTER_PLACE_NAME: centerIdentitySchema.shape.placeName.default(''),
	CENTER_ADDRESS: centerIdentitySchema.shape.address.default(''),
	CENTER_OPENING_HOURS: centerIdentitySchema.shape.openingHours.default(''),
	CENTER_PHONE: centerIdentitySchema.shape.phone.default(''),
	DEMO_CATALOGUE: z.string().default('demo/tthc-catalogue.csv'),
	DEMO_DATA: bool.default(true),
	SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
	// A session unused this long ends, however young it is.
	SESSION_IDLE_HOURS: z.coerce
		.number({ message: 'must be a whole number of hours' })
		.int()
		.min(1)
		.max(720)
		.default(12),
	// Read by adapter-node too: the header holding the client's address behind a reverse proxy, and how many proxies
	// (counted from the right of X-Forwarded-For) are ours. Validated here so a bad value stops the server by name.
	ADDRESS_HEADER: z
		.string()
		.regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name such as x-forwarded-for or x-real-ip')
		.transform((h) => h.toLowerCase())
		.optional(),
	XFF_DEPTH: z.coerce
		.number({ message: 'must be a whole number of proxies, 1 or more' })
		.int('must be a whole number of proxies, 1 or more')
		.min(1, 'must be a whole number of proxies, 1 or more')
		.max(20)
		.optional(),
	SECURE_COOKIES: bool.optional(),
	// A device's count for one hour and key above this is refused (422) and logged: more than a screen can show.
	DEVICE_COUNT_MAX_PER_HOUR: z.coerce
		.number({ message: 'must be a whole number of counts per hour, 1 to 1000000' })
		.int('must be a whole number of counts per hour, 1 to 1000000')
		.min(1, 'must be a whole number of counts per hour, 1 to 1000000')
		.max(1_000_000, 'must be a whole number of counts per hour, 1 to 1000000')
		.default(3600),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
	// Automatic backups: DATA_DIR/backups by default; on PostgreSQL only when BACKUP_DIR is set (a city runs many instances).
	BACKUP_DIR: z.string().min(1).optional(),
	BACKUP_KEEP: z.coerce
		.number({ message: 'must be a whole number of backups to keep' })
		.int()
		.min(1)
		.max(3650)
		.default(14)
});

const checked = schema.superRefine((c, ctx) => {
	// adapter-node reads XFF_DEPTH only with ADDRESS_HEADER=x-forwarded-for: anything else is a mistake worth a stop.
	if (c.XFF_DEPTH !== undefined && c.ADDRESS_HEADER !== 'x-forwarded-for')
		ctx.addIssue({
			code: 'custom',
			path: ['XFF_DEPTH'],
			message: 'is only used with ADDRESS_HEADER=x-forwarded-for'
		});
	// A replica of the embedded database cannot exist: the variable would be ignored, and reports read the wrong place.
	if (c.READ_DATABASE_URL !== undefined && c.DATABASE_URL === undefined)
		ctx.addIssue({
			code: 'custom',
			path: ['READ_DATABASE_URL'],
			message:
				'is a replica of DATABASE_URL: set DATABASE_URL (PostgreSQL) too, or unset READ_DATABASE_URL'
		});
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
	constructor(readonly issues: string[]) {
		super(`Invalid configuration: ${issues.join('; ')}`);
	}
}

/** Parses an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const cleaned = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const result = checked.safeParse(cleaned);
	if (!result.success) {
		throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
	}
	return result.data;
}

let current: Config | undefined;

export function config(): Config {
	current ??= parseConfig(process.env);
	return current;
}
