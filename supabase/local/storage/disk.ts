import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { entityTooLarge, internalError } from './errors'

/**
 * Where object bytes live: `<dataDir>/storage/<bucket>/<key segments>/#<version>`.
 * Each upload writes a new version file and the row points at it, so the
 * bytes a row names are always complete, a file and a "folder" can share a
 * name (`a` and `a/b`), and keys differing only in case stay apart on
 * case-insensitive file systems. `#` cannot appear in bucket names or keys,
 * so version files and the temp directory never collide with them.
 */
export type ObjectDisk = { root: string; temp: string }

export type ReceivedFile = { path: string; size: number; md5: string }

export function createObjectDisk(dataDir: string): ObjectDisk {
	const root = path.resolve(dataDir, 'storage')
	return { root, temp: path.join(root, '#tmp') }
}

export function objectFilePath(disk: ObjectDisk, bucketId: string, name: string, version: string) {
	const segments = [bucketId, ...name.split('/')]
	// Rows can be written by SQL as well as by this API, so check again here.
	if (segments.some((segment) => !isSafeSegment(segment)) || !/^[A-Za-z0-9-]{1,64}$/.test(version)) {
		throw internalError(new Error(`unsafe object location ${bucketId}/${name}#${version}`))
	}
	const file = path.join(disk.root, ...segments, `#${version}`)
	if (!isInside(disk.root, file)) throw internalError(new Error(`object location escapes the storage root`))
	return file
}

export function bucketDirectory(disk: ObjectDisk, bucketId: string) {
	if (!isSafeSegment(bucketId)) throw internalError(new Error(`unsafe bucket id ${bucketId}`))
	return path.join(disk.root, bucketId)
}

function isSafeSegment(segment: string) {
	return (
		segment !== '' &&
		segment !== '.' &&
		segment !== '..' &&
		!segment.includes('/') &&
		!segment.includes('\\') &&
		!segment.includes('\0') &&
		!segment.startsWith('#')
	)
}

function isInside(root: string, file: string) {
	const relative = path.relative(root, file)
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/**
 * Streams a body into a temp file, hashing as it goes. Past `limit` bytes it
 * stops writing but keeps reading, so the client gets the 413 answer
 * instead of a reset connection; the temp file is removed.
 */
export async function receiveToTemp(disk: ObjectDisk, body: AsyncIterable<Uint8Array> | null, limit: number): Promise<ReceivedFile> {
	await mkdir(disk.temp, { recursive: true })
	const file = path.join(disk.temp, randomUUID())
	const hash = createHash('md5')
	let size = 0
	let tooLarge = false
	async function* bounded() {
		if (!body) return
		for await (const chunk of body) {
			if (tooLarge) continue
			size += chunk.byteLength
			if (size > limit) {
				tooLarge = true
				continue
			}
			hash.update(chunk)
			yield chunk
		}
	}
	try {
		await pipeline(bounded(), createWriteStream(file, { flags: 'wx' }))
	} catch (error) {
		await discard(file)
		throw error
	}
	if (tooLarge) {
		await discard(file)
		throw entityTooLarge()
	}
	return { path: file, size, md5: hash.digest('hex') }
}

/** Moves a finished temp file to its final place (same file system: atomic). */
export async function placeFile(from: string, to: string) {
	await mkdir(path.dirname(to), { recursive: true })
	await rename(from, to)
}

/** Gives an existing object file a second name, for copies and moves. */
export async function cloneFile(disk: ObjectDisk, from: string, to: string) {
	await mkdir(path.dirname(to), { recursive: true })
	try {
		await link(from, to)
	} catch {
		await mkdir(disk.temp, { recursive: true })
		const temp = path.join(disk.temp, randomUUID())
		await copyFile(from, temp)
		await rename(temp, to)
	}
}

export async function discard(file: string) {
	await rm(file, { force: true })
}

/** Removes an object file and the directories it leaves empty. */
export async function removeObjectFile(disk: ObjectDisk, file: string) {
	await unlink(file).catch(() => {})
	let directory = path.dirname(file)
	// Stop at the bucket directory: it goes only when the bucket does.
	while (isInside(disk.root, directory) && path.dirname(directory) !== disk.root) {
		try {
			await rmdir(directory)
		} catch {
			return
		}
		directory = path.dirname(directory)
	}
}

export async function removeBucketDirectory(disk: ObjectDisk, bucketId: string) {
	await rm(bucketDirectory(disk, bucketId), { recursive: true, force: true })
}

/** Deletes temp files an interrupted process left behind. */
export async function sweepTemp(disk: ObjectDisk, olderThanMs: number) {
	const names = await readdir(disk.temp).catch(() => [])
	const cutoff = Date.now() - olderThanMs
	for (const name of names) {
		const file = path.join(disk.temp, name)
		const info = await stat(file).catch(() => null)
		if (info && info.mtimeMs < cutoff) await discard(file)
	}
}
