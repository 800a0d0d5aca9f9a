// Calls onIdle after every `ms` without a touch, click, key or scroll; any activity starts the count again.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function watchIdle(ms: number, onIdle: () => void): () => void {
	const fire = () => {
		onIdle();
		timer = setTimeout(fire, ms);
	};
	let timer = setTimeout(fire, ms);
	const reset = () => {
		clearTimeout(timer);
		timer = setTimeout(fire, ms);
	};
	for (const type of ACTIVITY) addEventListener(type, reset, { passive: true, capture: true });
	return () => {
		clearTimeout(timer);
		for (const type of ACTIVITY) removeEventListener(type, reset, { capture: true });
	};
}
