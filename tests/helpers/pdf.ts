import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

// A PDF read back the way a clerk's software would: poppler's pdftotext
// (apt package poppler-utils) gives the text as drawn, so a dropped letter shows.

const run = promisify(execFile)

/** The text of a PDF, in reading order (pdftotext -layout off), pages separated by form feeds. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'pdf-text-'))
	try {
		const file = join(dir, 'doc.pdf')
		await writeFile(file, pdf)
		const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })
		return stdout
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
}

/** How many pages a PDF has (pdfinfo). */
export async function pdfPages(pdf: Buffer | Uint8Array): Promise<number> {
	const dir = await mkdtemp(join(tmpdir(), 'pdf-info-'))
	try {
		const file = join(dir, 'doc.pdf')
		await writeFile(file, pdf)
		const { stdout } = await run('pdfinfo', [file])
		return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0)
	} finally {
		await rm(dir, { recursive: true, force: true })
	}
}

/** Renders page images (pdftoppm -png) into `dir` for a person to look at; returns the file names. */
export async function pdfPngs(pdf: Buffer | Uint8Array, dir: string): Promise<string[]> {
	const file = join(dir, 'doc.pdf')
	await writeFile(file, pdf)
	await run('pdftoppm', ['-png', '-r', '60', file, join(dir, 'page')])
	return (await readdir(dir)).filter((name) => name.endsWith('.png')).sort()
}
