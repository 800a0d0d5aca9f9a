// A source's dossier export for a period, made to order from a seed: per field a random table row whose identities
// hold, turned into records by the domain's sample-dossier helpers, written as a one-stop system's CSV. Two seeds with
// `revised` gives a second version of a file (same codes, other contents), so a test can tell which one is stored.
import type { DossierRecord, ThroughputRow } from '../../src/lib/domain/throughput';
import { recordsForRow } from '../../src/lib/domain/sample-dossiers';
import { seededRandom } from '../../src/lib/domain/random';

type Random = () => number;

/** Fields as the catalogue names them, with shares close to a ward's year (civil status and certification lead). */
const FIELDS: [field: string, weight: number][] = [
	['Chứng thực', 40],
	['Hộ tịch', 30],
	['Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)', 8],
	['Đất đai', 6],
	['Bảo trợ xã hội', 5],
	['Người có công', 4],
	['Hoạt động xây dựng', 3],
	['Giáo dục và đào tạo', 2],
	['Văn hóa cơ sở', 1],
	['Y tế dự phòng', 1]
];

const HEADER =
	'Mã hồ sơ,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Hạn trả kết quả,Ngày trả kết quả,Trạng thái';
const STATUS_WORDS = {
	da_tra_ket_qua: 'Đã trả kết quả',
	tu_choi: 'Từ chối',
	rut: 'Rút hồ sơ',
	dang_xu_ly: 'Đang xử lý',
	yeu_cau_bo_sung: 'Yêu cầu bổ sung'
};
const dmy = (date: string | null) => (date ? date.split('-').reverse().join('/') : '');

export interface DossierFile {
	/** The name a test prints: source and version. */
	label: string;
	source: string;
	/** Codes are `${prefix}-1` …, the same in every version. */
	prefix: string;
	records: DossierRecord[];
	csv: string;
}

/** `n` split into whole parts by weight, the rounding left on a random part. */
function split(n: number, weights: number[], random: Random): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const parts = weights.map((w) => Math.floor((n * w * (0.7 + 0.6 * random())) / sum));
	let left = n - parts.reduce((a, b) => a + b, 0);
	while (left < 0) {
		const i = parts.findIndex((p) => p > 0);
		parts[i]--;
		left++;
	}
	parts[Math.floor(random() * parts.length)] += left;
	return parts;
}

/** A table row of `n` dossiers: about a tenth still pending, a few carried over, every column likely non-zero. */
function rowOf(n: number, random: Random): ThroughputRow {
	const [online, direct, carriedOver] = split(n, [60, 35, 5], random);
	const [resolvedTotal, pendingTotal] = split(n, [90, 10], random);
	const [early, onTime, late, rejected, withdrawn] = split(
		resolvedTotal,
		[50, 40, 6, 2, 2],
		random
	);
	const [pendingOnTime, overdue, supplement] = split(pendingTotal, [70, 20, 10], random);
	return {
		received: { total: n, online, direct, carriedOver },
		resolved: { total: resolvedTotal, early, onTime, late, rejected, withdrawn },
		pending: { total: pendingTotal, onTime: pendingOnTime, overdue, supplement }
	};
}

function written(
	source: string,
	prefix: string,
	version: string,
	records: DossierRecord[]
): DossierFile {
	const lines = [
		HEADER,
		...records.map((r, i) =>
			[
				`${prefix}-${i + 1}`,
				`"${r.field}"`,
				r.channel,
				dmy(r.receivedOn),
				dmy(r.dueOn),
				dmy(r.finishedOn),
				STATUS_WORDS[r.status]
			].join(',')
		)
	];
	return { label: `${prefix}/${version}`, source, prefix, records, csv: lines.join('\n') + '\n' };
}

/** `rows` dossiers of `source` for [from, to], coded `${prefix}-1` … in order. */
export function dossierFile(
	source: string,
	prefix: string,
	rows: number,
	from: string,
	to: string,
	seed: number
): DossierFile {
	const random = seededRandom(seed);
	const perField = split(
		rows,
		FIELDS.map(([, w]) => w),
		random
	);
	return written(
		source,
		prefix,
		'A',
		FIELDS.flatMap(([field], i) =>
			recordsForRow(field, rowOf(perField[i], random), from, to, random)
		)
	);
}

/** The same file exported again after corrections: every `every`-th dossier filed under the next field. Same codes,
 * other figures in every part of the file, so half of it written over the first version shows in the table. */
export function revised(file: DossierFile, every: number): DossierFile {
	const next = (field: string) =>
		FIELDS[(FIELDS.findIndex(([f]) => f === field) + 1) % FIELDS.length][0];
	const records = file.records.map((r, i) =>
		i % every === 0 ? { ...r, field: next(r.field) } : r
	);
	return written(file.source, file.prefix, 'B', records);
}
