import { describe, expect, it } from 'vitest';
import { guessablePin, pinWaitMs, waitText, wrongPinMessage } from './pin';

describe('the staff PIN rules', () => {
	it('waits grow with each consecutive wrong PIN and stop growing at 15 minutes', () => {
		const waits = [0, 1, 2, 3, 4, 5, 6, 50].map(pinWaitMs);
		expect(waits).toEqual([0, 0, 5_000, 30_000, 60_000, 300_000, 900_000, 900_000]);
	});

	it('a repeated digit or a run up or down is too easy; other PINs are not', () => {
		for (const pin of ['000000', '123456', '987654', '890123', '55555555'])
			expect(guessablePin(pin), pin).toBe(true);
		for (const pin of ['135790', '246810', '112233', '120000', '20261123'])
			expect(guessablePin(pin), pin).toBe(false);
	});

	it('tells staff the remaining wait in Vietnamese', () => {
		expect(waitText(4_100)).toBe('5 giây');
		expect(waitText(61_000)).toBe('2 phút');
		expect(wrongPinMessage(30_000, true)).toBe(
			'Mã PIN không đúng. Vui lòng chờ 30 giây rồi thử lại.'
		);
		expect(wrongPinMessage(0, true)).toBe('Mã PIN không đúng. Vui lòng nhập lại.');
		expect(wrongPinMessage(300_000, false)).toBe(
			'Đã nhập sai mã PIN nhiều lần. Vui lòng chờ 5 phút rồi thử lại.'
		);
	});
});
