import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Where the local stack keeps its state and which ports it owns. Every value
// can be moved by environment so tests can run a second stack beside `npm run dev`.
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type LocalStackConfig = {
	dataDir: string
	postgresPort: number
	apiPort: number
	mailPort: number
	appPort: number
}

function port(name: string, fallback: number) {
	const raw = process.env[name]
	if (raw === undefined || raw === '') return fallback
	const value = Number(raw)
	if (!Number.isInteger(value) || value < 1 || value > 65535) {
		throw new Error(`${name} must be a TCP port number between 1 and 65535 (got "${raw}")`)
	}
	return value
}

export function localStackConfig(): LocalStackConfig {
	return {
		dataDir: path.resolve(projectRoot, process.env.GROUNDWORK_DATA_DIR ?? '.data'),
		postgresPort: port('LOCAL_POSTGRES_PORT', 54322),
		apiPort: port('LOCAL_API_PORT', 54321),
		mailPort: port('LOCAL_MAIL_PORT', 54324),
		appPort: port('PORT', 3000),
	}
}

export const LOCAL_DB_PASSWORD = 'postgres'

export function localDatabaseUrl(config: LocalStackConfig, database = 'postgres') {
	return `postgresql://postgres:${LOCAL_DB_PASSWORD}@127.0.0.1:${config.postgresPort}/${database}`
}
