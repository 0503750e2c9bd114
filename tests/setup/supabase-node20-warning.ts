// supabase-js 2.113 prints, with console.warn when it is imported, that Node 20 is deprecated (twice
// per process: @supabase/ssr loads its CommonJS build beside the ESM one), and has no option to stay
// quiet. Node 20 stays supported here (package.json engines), so test processes drop exactly that
// warning and nothing else; vite.config.ts does the same for the dev server (docs/decisions/042).
const SENTENCE = 'Node.js 20 and below are deprecated and will no longer be supported in future versions of @supabase/supabase-js'

export function isSupabaseNode20Warning(text: string) {
	return text.includes(SENTENCE)
}

/** Drops that one warning from this process's console.warn. */
export function dropSupabaseNode20Warning() {
	const warn = console.warn
	console.warn = (...args: unknown[]) => {
		if (typeof args[0] === 'string' && isSupabaseNode20Warning(args[0])) return
		warn.apply(console, args)
	}
}
