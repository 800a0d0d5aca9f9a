// Form posts naming an action every object has. SvelteKit finds a page's action as actions[name], so `?/constructor`
// called Object's constructor and `?/__proto__` found Object.prototype: a 500 from any page with actions (the fuzz
// test of issue 10). No page of ours has an action by such a name: it is answered 404 before routing.
import { json } from '@sveltejs/kit';

export const NO_SUCH_ACTION = 'Không có thao tác này trên trang.';

/** The action a POST names (`?/pair` → 'pair'), as SvelteKit reads it: the first query key starting with '/'. */
function actionName(url: URL): string | undefined {
	return [...url.searchParams.keys()].find((k) => k.startsWith('/'))?.slice(1);
}

/** 404 for a form post whose action name is one every object inherits (constructor, __proto__, toString, ...). */
export function inheritedAction(request: Request, url: URL): Response | null {
	if (request.method !== 'POST') return null;
	const name = actionName(url);
	if (name === undefined || !(name in Object.prototype)) return null;
	if (request.headers.get('x-sveltekit-action') === 'true')
		return json(
			{ type: 'error', status: 404, error: { message: NO_SUCH_ACTION } },
			{ status: 404 }
		);
	return new Response(NO_SUCH_ACTION, {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8' }
	});
}
