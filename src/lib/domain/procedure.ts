// The fixed vocabularies of a procedure, with no dependency: the kiosk's bundle uses them without zod.

/** Implementing levels (cấp thực hiện): ministry, province, commune, other body. */
export const LEVELS = ['bo', 'tinh', 'xa', 'khac'] as const;
/** Submission channels (hình thức nộp): in person, online, by post. */
export const CHANNELS = ['truc_tiep', 'truc_tuyen', 'buu_chinh'] as const;

/** A center's own level: commune (xã, phường, đặc khu), province, ministry. */
export const CENTER_LEVELS = ['xa', 'tinh', 'bo'] as const;

export type Level = (typeof LEVELS)[number];
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export type Channel = (typeof CHANNELS)[number];

export function isLevel(value: unknown): value is Level {
	return LEVELS.some((l) => l === value);
}
