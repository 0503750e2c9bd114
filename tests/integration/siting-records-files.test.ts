import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { action as requestAction, loader as requestLoader } from '#app/routes/projects+/$slug_.records.$requestId'
import { loader as fileLoader } from '#app/routes/projects+/$slug_.records.$requestId.files.$fileId'
import { listRecordsRequests } from '#app/siting/records.server'
import { env } from '#app/utils/env.server'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { getPage, postForm, signIn, siteUrl } from '#tests/helpers/session'

// Files a records request brought back, through the routes and the real
// Storage API (docs/decisions/062): the project's editors upload PDFs and
// images into the private bucket; a file is held for them until one of them
// shares it; its link is a short-lived signed address made as the reader.

type Outcome = { status: number; location: string | null; errors: Record<string, string>; body: Record<string, unknown> }

async function settled(work: Promise<unknown>): Promise<Outcome> {
	try {
		const result = await work
		if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {}, body: {} }
		if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
			const { data, init } = result as { data: Record<string, unknown> & { errors?: Record<string, string> }; init: ResponseInit | null }
			return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, body: data }
		}
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), errors: {}, body: {} }
		throw thrown
	}
	throw new Error('unexpected result')
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

async function world() {
	const county = await db()
		.selectFrom('jurisdictions')
		.select(['id', 'parent_id'])
		.where('slug', '=', 'us-va-loudoun')
		.executeTakeFirstOrThrow()
	const project = await db()
		.insertInto('projects')
		.values({ slug: unique('project'), name: `Project ${unique('p')}`, state_id: county.parent_id ?? 0, county_id: county.id })
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	await db().insertInto('project_chapters').values({ project_id: project.id, chapter_id: chapter.id }).execute()
	const request = await db()
		.insertInto('records_requests')
		.values({ project_id: project.id, body_name: 'County Attorney', asked_for: 'The NDA', created_by: organizer.id })
		.returning('id')
		.executeTakeFirstOrThrow()
	return { project, requestId: request.id, organizer: { account: organizer, cookie: await signIn(organizer) } }
}

function upload(
	slug: string,
	requestId: string,
	cookie: string,
	fields: Record<string, string>,
	file?: { bytes: Buffer; type: string; name: string },
) {
	const form = new FormData()
	for (const [key, value] of Object.entries(fields)) form.append(key, value)
	if (file) form.append('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))
	const path = `/projects/${slug}/records/${requestId}`
	const request = new Request(siteUrl(path), { method: 'POST', body: form, headers: { Cookie: cookie, Host: new URL(siteUrl(path)).host } })
	return settled(requestAction({ request, params: { slug, requestId }, context: {} }))
}

function change(slug: string, requestId: string, cookie: string, fields: Record<string, string>) {
	return settled(
		requestAction({
			request: postForm(`/projects/${slug}/records/${requestId}`, cookie, fields),
			params: { slug, requestId },
			context: {},
		}),
	)
}

function open(slug: string, requestId: string, fileId: string, cookie = '') {
	return settled(
		fileLoader({
			request: getPage(`/projects/${slug}/records/${requestId}/files/${fileId}`, cookie),
			params: { slug, requestId, fileId },
			context: {},
		}),
	)
}

test('an editor uploads a PDF, held until shared; the link opens it only for those who may see it', async () => {
	const { project, requestId, organizer } = await world()

	// Nothing but PDFs and images, within 10 MB, with a title; what was typed comes back.
	const page = Buffer.from('<html><script>alert(1)</script></html>')
	const disguised = await upload(
		project.slug,
		requestId,
		organizer.cookie,
		{ title: 'Agreement' },
		{ bytes: page, type: 'application/pdf', name: 'a.pdf' },
	)
	expect(disguised.status).toBe(400)
	expect(disguised.errors.file).toMatch(/not a PDF/)
	expect(disguised.body.values).toMatchObject({ title: 'Agreement', intent: 'upload-file' })
	const html = await upload(
		project.slug,
		requestId,
		organizer.cookie,
		{ title: 'Agreement' },
		{ bytes: page, type: 'text/html', name: 'a.html' },
	)
	expect(html.errors.file).toMatch(/not a PDF/)
	const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])
	expect(
		(await upload(project.slug, requestId, organizer.cookie, { title: 'Huge' }, { bytes: big, type: 'application/pdf', name: 'h.pdf' }))
			.errors.file,
	).toMatch(/larger than 10 MB/)
	expect((await upload(project.slug, requestId, organizer.cookie, { title: 'Nothing' })).errors.file).toMatch(/Choose a file/)
	const untitled = await upload(
		project.slug,
		requestId,
		organizer.cookie,
		{ title: '', receivedOn: 'soon' },
		{ bytes: PDF, type: 'application/pdf', name: 'x.pdf' },
	)
	expect(Object.keys(untitled.errors).sort()).toEqual(['receivedOn', 'title'])
	expect(await db().selectFrom('records_request_files').select('id').where('request_id', '=', requestId).execute()).toEqual([])

	// A member who does not edit the project may not upload.
	const member = await signIn(await newAccount('member'))
	const refused = await upload(
		project.slug,
		requestId,
		member,
		{ title: 'Agreement' },
		{ bytes: PDF, type: 'application/pdf', name: 'a.pdf' },
	)
	expect(refused.errors.form).toMatch(/organizers/)

	const stored = await upload(
		project.slug,
		requestId,
		organizer.cookie,
		{ title: 'Non-disclosure agreement', receivedOn: '2025-03-04' },
		{ bytes: PDF, type: 'application/pdf', name: 'nda.pdf' },
	)
	expect(stored).toMatchObject({ status: 302, location: `/projects/${project.slug}/records/${requestId}?files=uploaded#files` })
	const [file] = await db()
		.selectFrom('records_request_files')
		.select(['id', 'storage_path', 'shared', 'size_bytes', 'added_by'])
		.where('request_id', '=', requestId)
		.execute()
	expect(file).toMatchObject({ shared: false, size_bytes: PDF.length, added_by: organizer.account.id })
	expect(file?.storage_path).toMatch(new RegExp(`^${requestId}/[0-9a-f-]{36}\\.pdf$`))

	// Held: the organizer opens it through a signed link; a visitor or a member gets a 404 and no list entry.
	const mine = await open(project.slug, requestId, file?.id ?? '', organizer.cookie)
	expect(mine.status).toBe(302)
	const fetched = await fetch(mine.location ?? '')
	expect(fetched.status).toBe(200)
	expect(Buffer.from(await fetched.arrayBuffer()).equals(PDF)).toBe(true)
	expect((await open(project.slug, requestId, file?.id ?? '')).status).toBe(404)
	expect((await open(project.slug, requestId, file?.id ?? '', member)).status).toBe(404)
	expect((await listRecordsRequests({ role: 'anon' }, project.slug))[0]?.files).toEqual([])
	// Storage itself refuses the held file to a visitor, whatever address they try.
	const direct = await fetch(`${env().SUPABASE_URL}/storage/v1/object/public/records-documents/${file?.storage_path ?? ''}`)
	expect(direct.status).toBeGreaterThanOrEqual(400)

	// A member cannot share it; the organizer can, and then anyone opens it.
	expect((await change(project.slug, requestId, member, { intent: 'share-file', fileId: file?.id ?? '' })).status).toBe(400)
	expect(await change(project.slug, requestId, organizer.cookie, { intent: 'share-file', fileId: file?.id ?? '' })).toMatchObject({
		status: 302,
	})
	const visitor = await open(project.slug, requestId, file?.id ?? '')
	expect(visitor.status).toBe(302)
	expect((await fetch(visitor.location ?? '')).status).toBe(200)
	expect((await listRecordsRequests({ role: 'anon' }, project.slug))[0]?.files).toEqual([
		expect.objectContaining({ title: 'Non-disclosure agreement', contentType: 'application/pdf', receivedOn: '2025-03-04', shared: true }),
	])

	// The edit page lists it for the editor.
	const edit = await settled(
		requestLoader({
			request: getPage(`/projects/${project.slug}/records/${requestId}`, organizer.cookie),
			params: { slug: project.slug, requestId },
			context: {},
		}),
	)
	expect((edit.body.files as Array<{ title: string }>).map((entry) => entry.title)).toEqual(['Non-disclosure agreement'])

	// Removing it takes the stored file too.
	expect(await change(project.slug, requestId, organizer.cookie, { intent: 'remove-file', fileId: file?.id ?? '' })).toMatchObject({
		status: 302,
	})
	expect(await db().selectFrom('records_request_files').select('id').where('request_id', '=', requestId).execute()).toEqual([])
	expect((await fetch(visitor.location ?? '')).status).toBeGreaterThanOrEqual(400)
	expect((await change(project.slug, requestId, organizer.cookie, { intent: 'remove-file', fileId: file?.id ?? '' })).errors.form).toMatch(
		/no longer/,
	)
})

test('an image shared at upload is public at once', async () => {
	const { project, requestId, organizer } = await world()
	const png = Buffer.from(
		'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e2a8f30000000049454e44ae426082',
		'hex',
	)
	expect(
		await upload(
			project.slug,
			requestId,
			organizer.cookie,
			{ title: 'Scanned letter', share: 'on' },
			{ bytes: png, type: 'image/png', name: 'letter.png' },
		),
	).toMatchObject({ status: 302 })
	const [file] = await db()
		.selectFrom('records_request_files')
		.select(['id', 'shared', 'shared_by'])
		.where('request_id', '=', requestId)
		.execute()
	expect(file).toMatchObject({ shared: true, shared_by: organizer.account.id })
	const visitor = await open(project.slug, requestId, file?.id ?? '')
	expect(visitor.status).toBe(302)
	const fetched = await fetch(visitor.location ?? '')
	expect(fetched.headers.get('content-type')).toMatch(/image\/png/)
	expect(fetched.headers.get('content-disposition')).toMatch(/attachment/)
})
