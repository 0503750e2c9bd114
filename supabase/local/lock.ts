import { mkdir, open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'

export class AlreadyRunningError extends Error {
	constructor(
		readonly what: string,
		readonly pid: number,
	) {
		super(`${what} is already running (pid ${pid}).`)
	}
}

export function isAlive(pid: number) {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

export async function readLock(file: string): Promise<number | null> {
	const raw = await readFile(file, 'utf8').catch(() => null)
	const pid = raw === null ? NaN : Number.parseInt(raw, 10)
	return Number.isInteger(pid) && pid > 0 ? pid : null
}

/**
 * Takes a pid lock file, so two processes never own one data directory.
 * A lock left by a process that has died is taken over.
 */
export async function acquireLock(file: string, what: string) {
	await mkdir(path.dirname(file), { recursive: true })
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const handle = await open(file, 'wx')
			await handle.writeFile(String(process.pid))
			await handle.close()
			return async () => {
				if ((await readLock(file)) === process.pid) await rm(file, { force: true })
			}
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
			const pid = await readLock(file)
			if (pid !== null && pid !== process.pid && isAlive(pid)) throw new AlreadyRunningError(what, pid)
			await rm(file, { force: true })
		}
	}
	throw new Error(`Could not take the lock ${file}`)
}
