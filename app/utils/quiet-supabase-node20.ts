// supabase-js 2.113 warns on import that Node 20 is deprecated (twice per process: @supabase/ssr loads
// its CommonJS build beside the app's ESM one) and has no option to stay quiet. Node 20 stays supported
// here (package.json engines), so the processes `npm run dev` starts (the dev server through
// vite.config.ts, the job worker through app/jobs/run-worker.ts) import this first and drop exactly that
// warning and nothing else, as the test processes do with tests/setup/supabase-node20-warning.ts
// (docs/decisions/042).
const SUPABASE_NODE_20_WARNING =
	'Node.js 20 and below are deprecated and will no longer be supported in future versions of @supabase/supabase-js'
const warn = console.warn
console.warn = (...args: unknown[]) => {
	if (typeof args[0] === 'string' && args[0].includes(SUPABASE_NODE_20_WARNING)) return
	warn.apply(console, args)
}
