// The report's files as a page offers them: a center's on /admin/reports, the city's on /city. Each link says what the
// file is for (the hint is read to screen readers).
export const DOWNLOADS = [
	{ format: 'docx', label: 'Word (DOCX)', hint: 'văn bản báo cáo, bảng trên trang ngang' },
	{ format: 'xlsx', label: 'Excel (XLSX)', hint: 'bảng số liệu' },
	{
		format: 'csv',
		label: 'CSV',
		hint: 'bảng tiếp nhận, giải quyết, dấu phẩy phân cách, cho phần mềm khác'
	},
	{
		format: 'csv-vn',
		label: 'CSV cho Excel tiếng Việt',
		hint: 'dấu chấm phẩy phân cách, dấu phẩy thập phân'
	}
] as const;
