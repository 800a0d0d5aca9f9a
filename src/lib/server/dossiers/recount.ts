// A center's kept dossier counts (reports/stamped.ts) counted again after its dossiers changed, by an import or by
// figures typed by hand. The report engine is loaded when this is called, not with this module: it reads this
// module's figures typed by hand.

export async function recount(centerId: string): Promise<void> {
	const { recountAfterChange } = await import('../reports');
	await recountAfterChange(centerId);
}
