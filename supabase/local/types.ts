import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { projectRoot } from './config'

/** Writes app/db/types.ts from the migrated database with kysely-codegen. */
export async function generateTypes(databaseUrl: string) {
	await promisify(execFile)(
		path.join(projectRoot, 'node_modules/.bin/kysely-codegen'),
		['--dialect=postgres', `--url=${databaseUrl}`, '--include-pattern=public.*', '--out-file=app/db/types.ts', '--camel-case=false'],
		{ cwd: projectRoot },
	)
}
