import { existsSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from './config'

export function fail(message: string): never {
	console.error(`Error: ${message}`)
	process.exit(1)
}

/** Reads `.env` at the project root when present; variables already set win. */
export function loadDotEnv() {
	const file = path.join(projectRoot, '.env')
	if (existsSync(file)) process.loadEnvFile(file)
}
