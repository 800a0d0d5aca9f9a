// Decodes a QR code as a phone would see it: a screenshot of the rendered element, read by an independent
// decoder (zbarimg from zbar-tools), never by the library that drew it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from '@playwright/test';

/** White margin drawn around the element: zbar needs a quiet zone, which a tight SVG may not have. */
const QUIET_ZONE = 24;
/** A small QR (a poster row) is drawn this large for a second attempt when the first one decodes nothing. */
const ENLARGED = 480;

/** The text of the QR code shown by `locator` (an <svg> or <img>); throws with zbarimg's output if none is read. */
export async function decodeQr(locator: Locator): Promise<string> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'sanh-so-qr-'));
	try {
		const first = await zbar(await screenshot(locator, path.join(dir, 'qr.png')));
		if (first.text !== undefined) return first.text;
		const second = await zbar(
			await screenshot(locator, path.join(dir, 'qr-enlarged.png'), ENLARGED)
		);
		if (second.text !== undefined) return second.text;
		throw new Error(
			`zbarimg decoded no QR code from ${await locator.evaluate((e) => e.outerHTML.slice(0, 200))}\n${first.output}\n${second.output}`
		);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Screenshots the element with a white quiet zone around it, optionally drawn at `size` CSS pixels square. */
async function screenshot(locator: Locator, file: string, size?: number): Promise<string> {
	await locator.scrollIntoViewIfNeeded();
	// The white border is an outline, so the page's layout does not move; it is removed again afterwards.
	const saved = await locator.evaluate(
		(el, { zone, size }) => {
			const style = (el as HTMLElement | SVGElement).style;
			const before = style.cssText;
			style.outline = `${zone}px solid #fff`;
			style.outlineOffset = '0';
			style.background = '#fff';
			if (size !== undefined) {
				style.width = `${size}px`;
				style.height = `${size}px`;
				style.maxWidth = 'none';
				style.maxHeight = 'none';
			}
			return before;
		},
		{ zone: QUIET_ZONE, size }
	);
	try {
		if (size !== undefined) await locator.scrollIntoViewIfNeeded();
		const box = await locator.boundingBox();
		const viewport = locator.page().viewportSize();
		if (!box || !viewport) throw new Error('the QR code is not visible');
		const x = Math.max(0, box.x - QUIET_ZONE);
		const y = Math.max(0, box.y - QUIET_ZONE);
		const right = Math.min(viewport.width, box.x + box.width + QUIET_ZONE);
		const bottom = Math.min(viewport.height, box.y + box.height + QUIET_ZONE);
		if (right - x < box.width || bottom - y < box.height) {
			// Larger than the viewport: the element's own screenshot, without the added margin.
			await locator.screenshot({ path: file, animations: 'disabled' });
		} else {
			await locator.page().screenshot({
				path: file,
				clip: { x, y, width: right - x, height: bottom - y },
				animations: 'disabled'
			});
		}
	} finally {
		await locator.evaluate((el, before) => {
			(el as HTMLElement | SVGElement).style.cssText = before;
		}, saved);
	}
	return file;
}

function zbar(file: string): Promise<{ text?: string; output: string }> {
	return new Promise((resolve, reject) => {
		execFile('zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }, (error, stdout, stderr) => {
			const output =
				`zbarimg --raw -q ${path.basename(file)}: ${error ? `exit ${error.code ?? '?'}` : 'ok'} ${stdout}${stderr}`.trim();
			if (error && 'code' in error && error.code === 'ENOENT') {
				reject(new Error('zbarimg is not installed (Debian: apt-get install zbar-tools)'));
				return;
			}
			// Exit status 4: no symbol found.
			const text = stdout.replace(/\r?\n$/, '');
			resolve({ text: !error && text !== '' ? text : undefined, output });
		});
	});
}
