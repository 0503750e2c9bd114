// One value per process for the things that must exist once (the database
// pool, the job queue's utilities, the rate limiters): kept on globalThis, so
// that Vite's hot reload, which runs a changed module again, finds the one it
// made before instead of opening a second pool beside the first.

declare global {
	var __groundworkSingletons: Map<string, unknown> | undefined
}

/** The value named `name`, made by `create` the first time it is asked for in this process. */
export function singleton<T>(name: string, create: () => T): T {
	const values = (globalThis.__groundworkSingletons ??= new Map<string, unknown>())
	if (!values.has(name)) values.set(name, create())
	// Each name is only ever stored by the call that reads it, with the same `create`.
	return values.get(name) as T
}
