// `npm test`: everything, in the order that fails fastest — browser check,
// typecheck, lint, unit + integration + RLS tests on a fresh database, then
// a production build driven by Playwright in Chromium, then the tests that
// need that build (the crash-safety test: *.after-build.test.ts), then
// `npm run dev` walked page by page (tests/dev).
//   --db-only    only the database tests (CI's second pass on PostgreSQL 15;
//                the first pass runs the after-build tests)
//   --e2e-only   only the build and the Playwright journeys; any other
//                arguments go to Playwright (`npm run test:e2e -- siting`)
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { projectRoot } from '../supabase/local/config'
import { findChromium, howToGetChromium } from './chromium'
import { startTestStack } from './helpers/test-stack'

const dbOnly = process.argv.includes('--db-only')
const e2eOnly = process.argv.includes('--e2e-only')
const playwrightArgs = e2eOnly ? process.argv.slice(2).filter((arg) => arg !== '--e2e-only') : []
const bin = (name: string) => path.join(projectRoot, 'node_modules/.bin', name)

type Tally = { passed: number; failed: number; skipped: number }
const tally: Tally = { passed: 0, failed: 0, skipped: 0 }

function run(step: string, command: string, args: string[], env: Record<string, string> = {}) {
	console.log(`\n▶ ${step}`)
	return new Promise<boolean>((resolve) => {
		const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } })
		child.on('exit', (code) => resolve(code === 0))
	})
}

async function main() {
	const browser = findChromium()
	if (!dbOnly && !browser.path) {
		console.error(`${'problem' in browser ? browser.problem : ''}\n${howToGetChromium}`)
		console.log('0 passed, 1 failed')
		process.exit(1)
	}
	const started = Date.now()
	const failures: string[] = []
	if (!dbOnly && !e2eOnly) {
		if (!(await run('typecheck', bin('tsc'), ['--noEmit']))) failures.push('typecheck')
		if (!(await run('lint', bin('eslint'), ['.', '--max-warnings=0']))) failures.push('lint')
		if (!(await run('lint: formatting (npm run format fixes it)', bin('prettier'), ['--check', '--cache', '.']))) failures.push('format')
	}

	console.log('\n▶ test stack: database, Auth, Storage, mail catcher')
	const stack = await startTestStack((line) => console.log(`  ${line}`))
	const reports = await mkdtemp(path.join(os.tmpdir(), 'groundwork-test-'))
	try {
		const env = { ...stack.env, GROUNDWORK_TEST_HARNESS: '1' }

		if (!e2eOnly) {
			const vitestJson = path.join(reports, 'vitest.json')
			const vitestOk = await run(
				'unit, integration, contract and RLS tests (vitest)',
				bin('vitest'),
				['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
				env,
			)
			if (!vitestOk) failures.push('vitest')
			await countVitest(vitestJson)
		}

		if (!dbOnly) {
			if (!(await run('production build', bin('remix'), ['vite:build']))) failures.push('build')
			else {
				const playwrightJson = path.join(reports, 'playwright.json')
				const e2eOk = await run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', ...playwrightArgs], {
					...env,
					PLAYWRIGHT_JSON: playwrightJson,
				})
				if (!e2eOk) failures.push('e2e')
				await countPlaywright(playwrightJson)
				if (!e2eOnly) {
					const afterBuildJson = path.join(reports, 'after-build.json')
					const afterBuildOk = await run(
						'tests that drive the production build (crash safety)',
						bin('vitest'),
						[
							'run',
							'--config',
							'vitest.after-build.config.ts',
							'--reporter=default',
							'--reporter=json',
							`--outputFile.json=${afterBuildJson}`,
						],
						env,
					)
					if (!afterBuildOk) failures.push('after-build')
					await countVitest(afterBuildJson)
				}
			}
			// Asked for particular journeys: those only.
			if (playwrightArgs.length) return
			const devJson = path.join(reports, 'playwright-dev.json')
			const devOk = await run(
				'dev server journey (npm run dev from a cold Vite cache, every page)',
				bin('playwright'),
				['test', '--config', 'playwright.dev.config.ts'],
				{
					...env,
					PLAYWRIGHT_JSON: devJson,
				},
			)
			if (!devOk) failures.push('dev journey')
			await countPlaywright(devJson)
		}
	} finally {
		await stack.stop()
	}

	// A runner that reported a failed test in its report but exited 0 still fails the run.
	if (tally.failed && !failures.length) failures.push('a test reported as failed')
	const seconds = ((Date.now() - started) / 1000).toFixed(0)
	console.log(`\n${failures.length ? `Failed: ${failures.join(', ')}` : 'All checks passed'} in ${seconds} s`)
	const skipped = tally.skipped ? `, ${tally.skipped} skipped` : ''
	console.log(`${tally.passed} passed, ${tally.failed + (failures.length && !tally.failed ? 1 : 0)} failed${skipped}`)
	process.exit(failures.length ? 1 : 0)
}

async function countVitest(file: string) {
	const report = await readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(file)
	if (!report) return
	tally.passed += report.numPassedTests
	tally.failed += report.numFailedTests
	tally.skipped += report.numPendingTests + report.numTodoTests
}

async function countPlaywright(file: string) {
	const report = await readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(file)
	if (!report) return
	// A flaky test failed once and passed on its retry: it counts as passed, and is named so it gets looked at.
	tally.passed += report.stats.expected + report.stats.flaky
	tally.failed += report.stats.unexpected
	tally.skipped += report.stats.skipped
	if (report.stats.flaky)
		console.log(`\n${report.stats.flaky} end-to-end test(s) passed only on a retry: see "flaky" in the Playwright output above.`)
}

async function readJson<T>(file: string): Promise<T | null> {
	const text = await readFile(file, 'utf8').catch(() => null)
	return text ? (JSON.parse(text) as T) : null
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error)
	console.log('0 passed, 1 failed')
	process.exit(1)
})
