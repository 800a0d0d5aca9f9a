// `device pair|list|revoke` and `ratings settings`: pairing codes for new kiosks and tablets, and the center's rating settings.
import { newDeviceSchema, ratingSettingsSchema, staffPinInputSchema } from '$lib/schemas/devices';
import { RATING_LEVELS } from '$lib/schemas/sync';
import { dayEnd, dayStart } from '$lib/domain/vn-time';
import * as devices from '$lib/server/devices';
import * as sync from '$lib/server/sync';
import { options, UsageError } from '../options';
import type { Command } from './types';

export const devicePair: Command = {
	name: 'device pair',
	usage: 'device pair --name NAME --kind kiosk|counter [--counter C] [--field F]',
	summary:
		'print a six-digit pairing code (single use, valid 10 minutes) for a new kiosk or counter tablet',
	async prepare(args) {
		const { positionals, values } = options(args, {
			values: ['name', 'kind', 'counter', 'field']
		});
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const input = newDeviceSchema.safeParse({
			name: values.get('name') ?? '',
			kind: values.get('kind') ?? 'counter',
			counter: values.get('counter') ?? '',
			field: values.get('field') ?? ''
		});
		if (!input.success)
			throw new UsageError(
				input.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')
			);
		return async ({ io, cfg }) => {
			const { code, expiresAt } = await devices.createPairingCode(cfg.CENTER_ID, input.data, 'cli');
			io.out(`Pairing code: ${code}`);
			io.out(
				`Valid until ${expiresAt.toISOString()} (10 minutes), once. Enter it on the device at /device.`
			);
			return 0;
		};
	}
};

export const deviceList: Command = {
	name: 'device list',
	usage: 'device list',
	summary: 'list the paired devices with their last contact and unsynced backlog',
	async prepare(args) {
		if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
		return async ({ io, cfg }) => {
			for (const d of await devices.list(cfg.CENTER_ID))
				io.out(
					[
						d.id,
						d.kind,
						d.name,
						d.counter ?? '-',
						d.lastSeenAt?.toISOString() ?? 'never',
						`backlog ${d.backlog ?? '?'}`,
						d.revokedAt ? 'REVOKED' : 'active'
					].join('\t')
				);
			return 0;
		};
	}
};

export const deviceRevoke: Command = {
	name: 'device revoke',
	usage: 'device revoke ID',
	summary:
		'revoke a device: its token stops working at once; it keeps its unsent ratings until paired again',
	async prepare(args) {
		const { positionals } = options(args, {});
		if (positionals.length !== 1)
			throw new UsageError('give exactly one device id (see device list)');
		return async ({ io, cfg }) => {
			if (!(await devices.revoke(cfg.CENTER_ID, positionals[0]))) {
				io.err(
					`No active device ${positionals[0]} in center ${cfg.CENTER_ID}; nothing was changed.`
				);
				return 1;
			}
			io.out(`Revoked ${positionals[0]}.`);
			return 0;
		};
	}
};

export const ratingSettings: Command = {
	name: 'ratings settings',
	usage: `ratings settings [--scale 3|4|5] [--satisfied LEVEL,LEVEL] [--min-interval SECONDS] [--staff-pin DIGITS]`,
	summary: `set the rating scale, which levels count as satisfied (${RATING_LEVELS.join(', ')}), the stuffing interval and the staff PIN`,
	async prepare(args) {
		const { positionals, values } = options(args, {
			values: ['scale', 'satisfied', 'min-interval', 'staff-pin']
		});
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const pin = values.has('staff-pin')
			? staffPinInputSchema.safeParse({ pin: values.get('staff-pin') })
			: null;
		if (pin && !pin.success)
			throw new UsageError(
				'--staff-pin must be 6 to 8 digits, not one digit repeated or a run (123456)'
			);
		return async ({ io, cfg }) => {
			const current = await devices.centerSettings(cfg.CENTER_ID);
			const settings = ratingSettingsSchema.safeParse({
				scale: values.get('scale') ?? current.scale,
				satisfiedLevels: values.get('satisfied')?.split(',') ?? current.satisfiedLevels,
				minIntervalS: values.get('min-interval') ?? current.minIntervalS
			});
			if (!settings.success) {
				io.err(settings.error.issues.map((i) => i.message).join('; ') + '; nothing was changed.');
				return 1;
			}
			await devices.saveSettings(cfg.CENTER_ID, settings.data);
			if (pin?.success) await devices.setStaffPin(cfg.CENTER_ID, pin.data.pin);
			io.out(
				`Scale ${settings.data.scale}, satisfied: ${settings.data.satisfiedLevels.join(', ')}, minimum interval ${settings.data.minIntervalS} s${pin ? ', staff PIN set' : ''}.`
			);
			return 0;
		};
	}
};

export const ratingSummary: Command = {
	name: 'ratings summary',
	usage: 'ratings summary [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
	summary: 'print stored, counted and flagged ratings (by corrected time, Việt Nam days) as JSON',
	async prepare(args) {
		const { positionals, values } = options(args, { values: ['from', 'to'] });
		if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
		const day = (name: string, fallback: string) => {
			const v = values.get(name) ?? fallback;
			if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
				throw new UsageError(`--${name} must be a date YYYY-MM-DD`);
			return v;
		};
		const from = new Date(dayStart(day('from', '2000-01-01')));
		const to = new Date(dayEnd(day('to', '2099-12-31')));
		return async ({ io, cfg }) => {
			io.out(JSON.stringify(await sync.ratingTotals(cfg.CENTER_ID, from, to)));
			return 0;
		};
	}
};
