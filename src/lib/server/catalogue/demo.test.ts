import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { bootTest, engines } from '../testing';
import type { Db } from '../db';
import * as catalogue from '.';
import { demoCatalogue } from './demo';

describe.each(engines)('the demo catalogue on %s', (engine) => {
	let db: Db;
	beforeAll(async () => {
		({ db } = await bootTest(engine));
	});
	afterAll(() => db.close());

	it('is the whole national file, with a commune center’s details on its commonest procedures', async () => {
		const demo = await demoCatalogue('demo/tthc-catalogue.csv');
		const outcome = await catalogue.importFile('test', demo.data, demo.filename);
		expect(outcome.ok && outcome.diff.added.length).toBe(2643);
		const all = await catalogue.active('test');
		expect(
			all.filter((p) => p.documents.length > 0 && p.counter !== '').length
		).toBeGreaterThanOrEqual(10);
		const birth = await catalogue.find('test', '1.001193');
		expect(birth?.name).toBe('Thủ tục đăng ký khai sinh');
		expect(birth?.counter).toBe('1');
		expect(birth?.documents[0]).toMatch(/^Tờ khai đăng ký khai sinh/);
		expect(birth?.legalBasis).toContain('Luật Hộ tịch số 60/2014/QH13');
	});
});
