// Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_CPU_PROF=dir
// on bench:pages or bench:sign): self time per frame, per package, per source
// file of our own code (through build/server/index.js.map when the build has
// one: `remix vite:build --sourcemapServer`), the share of samples with a
// package anywhere on the stack, and inclusive time per frame. Percentages are
// of the non-idle time between --from-ms and --to-ms (from the profile's start,
// to leave out startup). Prints Markdown.
//
//   npx tsx tests/load/cpu-profile.ts dir/CPU.*.cpuprofile [--from-ms 5000] [--to-ms 20000] [--top 20] [--inclusive 40]
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
	const index = args.indexOf(name)
	return index >= 0 ? Number(args[index + 1]) : fallback
}
const file = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'))
if (!file) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [--from-ms n] [--to-ms n] [--top n] [--inclusive n]')
const fromUs = option('--from-ms', 0) * 1000
const toUs = option('--to-ms', Infinity) * 1000
const top = option('--top', 20)

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

const maps = new Map<string, SourceMap | null>()
function sourceMap(url: string) {
	if (!maps.has(url)) {
		const mapFile = `${fileURLToPath(url)}.map`
		maps.set(url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload) : null)
	}
	return maps.get(url) ?? null
}

/** Where a frame's code comes from: a package, our bundle's source file, Node, or V8's own buckets. */
function origin(frame: CallFrame): { group: string; source: string; line: number } {
	const { url, functionName } = frame
	const line = frame.lineNumber + 1
	if (!url) return { group: functionName.startsWith('(') ? functionName : '(native: V8 builtins, Intl, RegExp…)', source: '', line }
	if (url.startsWith('node:')) return { group: 'node internals', source: url, line }
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
	if (pkg) return { group: pkg, source: url.slice(url.lastIndexOf('node_modules/') + 13), line }
	if (url.endsWith('/build/server/index.js')) {
		const entry: Partial<SourceMapping> | undefined = url.startsWith('file:')
			? sourceMap(url)?.findEntry(frame.lineNumber, frame.columnNumber)
			: undefined
		const original = entry?.originalSource?.replace(/^.*?\/(app|node_modules)\//, '$1/') ?? ''
		const mapped = entry?.originalLine === undefined ? line : entry.originalLine + 1
		if (original.startsWith('node_modules/'))
			return { group: /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(original)?.[1] ?? original, source: original, line: mapped }
		return { group: 'our app (build/server/index.js)', source: original || 'build/server/index.js', line: mapped }
	}
	return {
		group: url.startsWith('file:') ? path.relative(process.cwd(), fileURLToPath(url)) : url.replace(/^(\w+:).*/, '$1…'),
		source: url,
		line,
	}
}

const self = new Map<number, number>()
let total = 0
let t = 0
profile.samples.forEach((id, index) => {
	t += profile.timeDeltas[index] ?? 0
	if (t < fromUs || t > toUs) return
	const delta = profile.timeDeltas[index + 1] ?? 0
	self.set(id, (self.get(id) ?? 0) + delta)
	total += delta
})
const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0)
const busy = total - idle

const frames = new Map<string, { us: number; group: string; source: string }>()
const groups = new Map<string, number>()
const sources = new Map<string, number>()
const onStack = new Map<string, number>()
const inclusive = new Map<string, number>()
for (const [id, us] of self) {
	const node = byId.get(id)
	if (!node || node.callFrame.functionName === '(idle)') continue
	const where = origin(node.callFrame)
	const key = `${node.callFrame.functionName || '(anonymous)'}  ${where.source}:${where.line}`
	const frame = frames.get(key) ?? { us: 0, group: where.group, source: where.source }
	frame.us += us
	frames.set(key, frame)
	groups.set(where.group, (groups.get(where.group) ?? 0) + us)
	if (where.group.startsWith('our app')) sources.set(where.source, (sources.get(where.source) ?? 0) + us)
	const seen = new Set<string>()
	const seenFrames = new Set<string>()
	for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
		const ancestor = byId.get(at)
		if (!ancestor) continue
		const { group, source, line } = origin(ancestor.callFrame)
		seen.add(group)
		if (group !== 'node internals' && !group.startsWith('('))
			seenFrames.add(`${ancestor.callFrame.functionName || '(anonymous)'}  ${source}:${line}`)
	}
	for (const group of seen) onStack.set(group, (onStack.get(group) ?? 0) + us)
	for (const frame of seenFrames) inclusive.set(frame, (inclusive.get(frame) ?? 0) + us)
}

const ms = (us: number) => (us / 1000).toFixed(0)
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`
const rows = <T>(entries: Iterable<[string, T]>, value: (entry: T) => number, limit: number) =>
	[...entries].sort((a, b) => value(b[1]) - value(a[1])).slice(0, limit)

console.log(`${path.basename(file)}: ${ms(total)} ms sampled, ${ms(busy)} ms not idle (percentages are of that)\n`)
console.log(`| self ms | share | frame | group |\n|---:|---:|---|---|`)
for (const [key, frame] of rows(frames, (f) => f.us, top))
	console.log(`| ${ms(frame.us)} | ${pct(frame.us)} | \`${key}\` | ${frame.group} |`)
console.log(`\n| self ms | share | package / group |\n|---:|---:|---|`)
for (const [group, us] of rows(groups, (v) => v, 25)) console.log(`| ${ms(us)} | ${pct(us)} | ${group} |`)
console.log(`\n| self ms | share | our source file |\n|---:|---:|---|`)
for (const [source, us] of rows(sources, (v) => v, 15)) console.log(`| ${ms(us)} | ${pct(us)} | ${source} |`)
console.log(`\n| share of busy samples with it on the stack | package / group |\n|---:|---|`)
for (const [group, us] of rows(onStack, (v) => v, 20)) console.log(`| ${pct(us)} | ${group} |`)
console.log(`\n| total ms | share | frame (inclusive: itself and what it calls) |\n|---:|---:|---|`)
for (const [frame, us] of rows(inclusive, (v) => v, option('--inclusive', 40))) console.log(`| ${ms(us)} | ${pct(us)} | \`${frame}\` |`)
