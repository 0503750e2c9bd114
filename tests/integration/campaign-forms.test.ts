import { expect, test } from 'vitest'
import { createCampaign, getCampaignPage, organizerChapters } from '#app/campaigns/campaigns.server'
import { paperSummary, recordSheet } from '#app/campaigns/paper.server'
import { anon, asCaller, db } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { loader as fileLoader } from '#app/routes/campaigns+/$slug_.files.$fileId'
import { action as manageAction } from '#app/routes/campaigns+/$slug_.manage'
import { action as paperAction } from '#app/routes/campaigns+/$slug_.paper'
import { action as sheetAction, loader as sheetLoader } from '#app/routes/campaigns+/$slug_.paper_.$sheetId'
import { newAccount } from '#tests/helpers/accounts'
import { committed, createPetition, createSignature, startChapter, unique } from '#tests/helpers/factories'
import { getPage, postForm, signIn, siteUrl } from '#tests/helpers/session'

// The campaign forms through their routes, as a browser posts them: the
// ballot rule's bad input (validity over 100%, a base missing, a deadline
// before the start), a sheet with unreadable rows, the district figures of a
// distribution rule, and a manager correcting a paper sheet and its rows
// (the repeats checked again, the change logged; nobody else may).

type Outcome = { status: number; location: string | null; errors: Record<string, string>; values: Record<string, string> }

async function settled(work: Promise<unknown>): Promise<Outcome> {
	try {
		const result = await work
		if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {}, values: {} }
		if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
			const { data, init } = result as {
				data: { errors?: Record<string, string>; values?: Record<string, string> }
				init: ResponseInit | null
			}
			return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, values: data.values ?? {} }
		}
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), errors: {}, values: {} }
		throw thrown
	}
	throw new Error('unexpected result')
}

async function world() {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	const [mine] = await organizerChapters(organizer.caller)
	const county = mine?.places.find((place) => place.label.startsWith('Loudoun County'))
	if (!mine || !county) throw new Error('setup: the chapter’s places')
	const slug = await createCampaign(organizer.caller, {
		name: `Loudoun public power ${unique('c')}`,
		kind: 'ballot_initiative',
		goal: 'Put a public utility before the county’s voters.',
		description: '',
		chapterId: chapter.id,
		jurisdictionId: county.id,
		target: 'voters',
		targetName: 'Loudoun County voters',
		status: 'active',
		useTemplate: false,
		stageTitles: (key) => t(`campaign.template.${key}`),
	})
	const campaign = await getCampaignPage(organizer.caller, slug)
	if (!campaign) throw new Error('setup: the campaign')
	return { organizer, chapter, campaign, cookie: await signIn(organizer) }
}

function manage(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(manageAction({ request: postForm(`/campaigns/${slug}/manage`, cookie, fields), params: { slug }, context: {} }))
}

const ballot = {
	intent: 'ballot',
	ruleKind: 'fixed',
	requiredCount: '124,238',
	ruleCitation: 'Colo. Const. art. V, § 1(2)',
	validityPercent: '78.8',
	safetyMarginPercent: '10',
	samplingRule: 'colorado',
}

test('the ballot rule refuses a validity over 100%, a missing base and a deadline before the start, keeping what was typed', async () => {
	const { campaign, cookie } = await world()
	const over = await manage(campaign.slug, cookie, { ...ballot, validityPercent: '101' })
	expect(over.status).toBe(400)
	expect(over.errors.validityPercent).toBe(t('campaigns.ballot.error.validity'))
	expect(over.values).toMatchObject({ requiredCount: '124,238', validityPercent: '101', intent: 'ballot' })

	const noBase = await manage(campaign.slug, cookie, { ...ballot, ruleKind: 'percent', requiredCount: '', percent: '5' })
	expect(noBase.errors.baseCount).toBe(t('campaigns.ballot.error.baseMissing'))
	expect(noBase.values.percent).toBe('5')

	const backwards = await manage(campaign.slug, cookie, { ...ballot, circulationStartsOn: '2026-06-01', circulationEndsOn: '2026-05-01' })
	expect(backwards.errors.circulationEndsOn).toBe(t('campaigns.ballot.error.window'))
	expect(backwards.values).toMatchObject({ circulationStartsOn: '2026-06-01', circulationEndsOn: '2026-05-01' })

	expect(await db().selectFrom('campaign_ballot_rules').select('campaign_id').where('campaign_id', '=', campaign.id).execute()).toEqual([])
	expect((await manage(campaign.slug, cookie, ballot)).status).toBe(302)
})

test('district figures: bad lines are named and nothing is saved; good ones show which districts are short, to everyone', async () => {
	const { campaign, cookie } = await world()
	const before = await manage(campaign.slug, cookie, { intent: 'districts', distributionPercent: '2', districts: 'SD 1; 1000; 30' })
	expect(before.errors.form).toBe(t('campaigns.districts.error.noRule'))
	expect(before.values.districts).toBe('SD 1; 1000; 30')
	expect((await manage(campaign.slug, cookie, ballot)).status).toBe(302)

	const typed = 'SD 1; 100,000; 2,600\nSD 2; lots; 20\nsd 1; 100000; 1'
	const bad = await manage(campaign.slug, cookie, { intent: 'districts', distributionPercent: '2', districtCount: '35', districts: typed })
	expect(bad.status).toBe(400)
	expect(bad.errors.districts).toContain('Line 2 (“SD 2; lots; 20”)')
	expect(bad.errors.districts).toContain('Line 3 (“sd 1; 100000; 1”) names a district already entered above.')
	expect(bad.values.districts).toBe(typed)
	const noPercent = await manage(campaign.slug, cookie, { intent: 'districts', distributionPercent: '', districts: 'SD 1; 1000; 30' })
	expect(noPercent.errors.distributionPercent).toBe(t('campaigns.districts.error.percentMissing'))

	const good = await manage(campaign.slug, cookie, {
		intent: 'districts',
		distributionPercent: '2',
		districtCount: '35',
		districts: 'SD 1; 100,000; 2,600\nSD 2\t100000\t2000',
	})
	expect(good.status).toBe(302)
	const page = await getCampaignPage(anon, campaign.slug)
	// 2% of 100,000 is 2,000 valid; at 78.8%, 2,600 project 2,048 (met) and 2,000 project 1,576 (424 short).
	expect(page?.ballot?.distribution?.districts.map((d) => [d.district, d.required, d.projectedValid, d.gap])).toEqual([
		['SD 1', 2000, 2048, 0],
		['SD 2', 2000, 1576, 424],
	])
	expect(page?.ballot?.distribution).toMatchObject({ missing: 33, meets: false })

	// Saving again replaces the lines; an empty list clears them.
	await manage(campaign.slug, cookie, { intent: 'districts', distributionPercent: '2', districtCount: '', districts: '' })
	expect((await getCampaignPage(anon, campaign.slug))?.ballot?.districts).toEqual([])
})

test('a sheet with unreadable rows asks first, then saves the readable ones and keeps the whole count', async () => {
	const { campaign, cookie } = await world()
	const sheet = {
		circulator: 'Dana Whitfield',
		collectedOn: '2026-05-02',
		town: 'Leesburg',
		sheetNumber: '7',
		mode: 'names',
		names: 'Ann Lee; 1 Main St; 20175\n???\nBo Park; 2 Main St',
	}
	const post = (fields: Record<string, string>) =>
		settled(
			paperAction({ request: postForm(`/campaigns/${campaign.slug}/paper`, cookie, fields), params: { slug: campaign.slug }, context: {} }),
		)
	const asked = await post(sheet)
	expect(asked.errors.names).toBe(t('campaigns.paper.error.unreadable'))
	expect(asked.values.names).toBe(sheet.names)
	const saved = await post({ ...sheet, saveReadable: 'on' })
	expect(saved.location).toBe(`/campaigns/${campaign.slug}/paper?saved=3&unreadable=1`)
	const batch = await db()
		.selectFrom('campaign_paper_batches')
		.select(['id', 'signature_count'])
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow()
	expect(batch.signature_count).toBe(3)
	const rows = await db()
		.selectFrom('campaign_paper_signers')
		.select(['line', 'name'])
		.where('batch_id', '=', batch.id)
		.orderBy('line')
		.execute()
	expect(rows).toEqual([
		{ line: 1, name: 'Ann Lee' },
		{ line: 3, name: 'Bo Park' },
	])
	// The same sheet again is refused, with everything typed kept.
	const twice = await post({ ...sheet, saveReadable: 'on' })
	expect(twice.errors.sheetNumber).toBe(t('campaigns.paper.error.duplicateSheet'))
	expect(twice.values.names).toBe(sheet.names)
})

test('a manager corrects a sheet and a row: repeats are checked again, the change is logged; others get a 404', async () => {
	const { organizer, chapter, campaign, cookie } = await world()
	const petition = await createPetition(committed(), { organizer, chapter: { ...chapter, jurisdictionId: 0 } })
	await asCaller(organizer.caller, (trx) =>
		trx.insertInto('campaign_links').values({ campaign_id: campaign.id, petition_id: petition.id, added_by: organizer.id }).execute(),
	)
	await createSignature(committed(), petition, { name: 'Mary O’Brien', status: 'confirmed', postalCode: '20175' })
	const first = { circulator: 'Dana Whitfield', collectedOn: '2026-05-02', town: 'Leesburg', sheetNumber: '1', count: 4 }
	await recordSheet(organizer.caller, campaign.id, {
		...first,
		rows: [
			{ line: 1, name: 'Mary OBrian', address: '12 Elm Street', postalCode: '20175' },
			{ line: 2, name: 'Jo Park', address: '3 Oak Ave', postalCode: '20175' },
		],
	})
	await recordSheet(organizer.caller, campaign.id, { ...first, sheetNumber: '2', count: 5, rows: [] })
	const sheets = await db()
		.selectFrom('campaign_paper_batches')
		.select(['id', 'sheet_number'])
		.where('campaign_id', '=', campaign.id)
		.orderBy('sheet_number')
		.execute()
	const sheetId = sheets[0]?.id ?? ''
	const path = `/campaigns/${campaign.slug}/paper/${sheetId}`
	const params = { slug: campaign.slug, sheetId }
	const post = (fields: Record<string, string>, who = cookie) =>
		settled(sheetAction({ request: postForm(path, who, fields), params, context: {} }))
	const signers = await db()
		.selectFrom('campaign_paper_signers')
		.select(['id', 'line'])
		.where('batch_id', '=', sheetId)
		.orderBy('line')
		.execute()
	const mary = signers[0]?.id ?? ''
	expect((await paperSummary(organizer.caller, campaign.id)).matches).toEqual([])

	// Bad input: a name with no letter, a formula, a ZIP that is not one; a count below the last named line; another sheet's number.
	const badRow = await post({ intent: 'row', signerId: mary, name: '12', address: '=HYPERLINK("x")', postalCode: '2017' })
	expect(Object.keys(badRow.errors).sort()).toEqual(['address', 'name', 'postalCode'])
	expect(badRow.values).toMatchObject({ name: '12', postalCode: '2017', signerId: mary })
	const low = await post({ intent: 'sheet', ...first, count: '1' })
	expect(low.errors.count).toBe(t('campaigns.paper.error.countBelowRows', { line: 2 }))
	const taken = await post({ intent: 'sheet', ...first, sheetNumber: '2', count: '4' })
	expect(taken.errors.sheetNumber).toBe(t('campaigns.paper.error.duplicateSheet'))
	expect(taken.values).toMatchObject({ sheetNumber: '2', count: '4' })

	// The misread name, corrected: now it repeats the online signer, and the repeat is listed.
	const fixed = await post({ intent: 'row', signerId: mary, name: 'Mary O’Brien', address: '12 Elm Street', postalCode: '20175' })
	expect(fixed.location).toBe(`${path}?saved=row#row-${mary}`)
	expect((await paperSummary(organizer.caller, campaign.id)).matches.map((m) => [m.name, m.matched])).toEqual([['Mary O’Brien', 'online']])
	expect((await post({ intent: 'sheet', ...first, town: 'Leesburg town', count: '6' })).status).toBe(302)

	const shown = (await sheetLoader({ request: getPage(`${path}?saved=row`, cookie), params, context: {} })) as unknown as {
		data: { sheet: { count: number; town: string; repeats: unknown[]; changes: Array<{ action: string; fields: unknown[] }> } }
	}
	expect(shown.data.sheet).toMatchObject({ count: 6, town: 'Leesburg town' })
	expect(shown.data.sheet.repeats).toHaveLength(1)
	expect(shown.data.sheet.changes.map((change) => [change.action, change.fields])).toEqual([
		[
			'sheet.corrected',
			[
				{ field: 'town', before: 'Leesburg', after: 'Leesburg town' },
				{ field: 'signature_count', before: '4', after: '6' },
			],
		],
		['row.corrected', [{ field: 'name', before: 'Mary OBrian', after: 'Mary O’Brien' }]],
	])

	// A member of the chapter who is not an organizer, and a stranger: no page, no change.
	const member = await newAccount('member')
	await db().insertInto('memberships').values({ chapter_id: chapter.id, user_id: member.id, role: 'member', status: 'active' }).execute()
	for (const who of [await signIn(member), await signIn(await newAccount('stranger'))]) {
		expect((await settled(sheetLoader({ request: getPage(path, who), params, context: {} }))).status).toBe(404)
		expect((await post({ intent: 'row', signerId: mary, name: 'Someone Else', address: '1 Main St', postalCode: '' }, who)).status).toBe(
			404,
		)
	}
	const after = await db().selectFrom('campaign_paper_signers').select('name').where('id', '=', mary).executeTakeFirstOrThrow()
	expect(after.name).toBe('Mary O’Brien')
})

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

test('a manager uploads a stage’s evidence file, held until made public; its link opens only for those who may see it', async () => {
	const { campaign, cookie } = await world()
	const stage = await db()
		.insertInto('campaign_stages')
		.values({ campaign_id: campaign.id, position: 0, title: 'Certification' })
		.returning('id')
		.executeTakeFirstOrThrow()
	const path = `/campaigns/${campaign.slug}/manage`
	const upload = (fields: Record<string, string>, file?: { bytes: Buffer; type: string; name: string }, who = cookie) => {
		const form = new FormData()
		for (const [key, value] of Object.entries({ intent: 'add-file', stageId: stage.id, ...fields })) form.append(key, value)
		if (file) form.append('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))
		const request = new Request(siteUrl(path), { method: 'POST', body: form, headers: { Cookie: who, Host: new URL(siteUrl(path)).host } })
		return settled(manageAction({ request, params: { slug: campaign.slug }, context: {} }))
	}
	const open = (fileId: string, who = '') =>
		settled(
			fileLoader({
				request: getPage(`/campaigns/${campaign.slug}/files/${fileId}`, who),
				params: { slug: campaign.slug, fileId },
				context: {},
			}),
		)

	// A page renamed .pdf, a missing file, a missing title: each refused with its message, what was typed kept.
	const disguised = await upload({ title: 'Certificate' }, { bytes: Buffer.from('<html></html>'), type: 'application/pdf', name: 'c.pdf' })
	expect(disguised.errors.file).toBe(t('campaigns.files.error.wrongType'))
	expect(disguised.values).toMatchObject({ title: 'Certificate', intent: 'add-file', stageId: stage.id })
	expect((await upload({ title: 'Certificate' })).errors.file).toBe(t('campaigns.files.error.missing'))
	expect((await upload({ title: '' }, { bytes: PDF, type: 'application/pdf', name: 'c.pdf' })).errors.title).toBe(
		t('campaigns.files.error.title'),
	)
	// Someone who does not manage the campaign gets no page at all.
	const stranger = await signIn(await newAccount('stranger'))
	expect((await upload({ title: 'Certificate' }, { bytes: PDF, type: 'application/pdf', name: 'c.pdf' }, stranger)).status).toBe(404)
	expect(await db().selectFrom('campaign_stage_files').select('id').where('campaign_id', '=', campaign.id).execute()).toEqual([])

	const stored = await upload({ title: 'Certificate of sufficiency' }, { bytes: PDF, type: 'application/pdf', name: 'c.pdf' })
	expect(stored.location).toBe(`/campaigns/${campaign.slug}/manage?saved=add-file#stage-files-${stage.id}`)
	const file = await db()
		.selectFrom('campaign_stage_files')
		.select(['id', 'public', 'storage_path'])
		.where('campaign_id', '=', campaign.id)
		.executeTakeFirstOrThrow()
	expect(file.public).toBe(false)
	expect(file.storage_path).toMatch(new RegExp(`^${campaign.id}/[0-9a-f-]{36}\\.pdf$`))

	// Held: the manager's link opens it; a visitor and a stranger get a 404, and the public page does not list it.
	const managerLink = await open(file.id, cookie)
	expect(managerLink.status).toBe(302)
	const fetched = await fetch(managerLink.location ?? '')
	expect(Buffer.from(await fetched.arrayBuffer())).toEqual(PDF)
	expect((await open(file.id)).status).toBe(404)
	expect((await open(file.id, stranger)).status).toBe(404)
	expect((await getCampaignPage(anon, campaign.slug))?.stages[0]?.files).toEqual([])

	// Made public: anyone opens it, and the page lists it.
	expect((await manage(campaign.slug, cookie, { intent: 'publish-file', fileId: file.id })).status).toBe(302)
	expect((await open(file.id)).status).toBe(302)
	expect((await getCampaignPage(anon, campaign.slug))?.stages[0]?.files.map((f) => f.title)).toEqual(['Certificate of sufficiency'])

	// Removed: the row and the stored object go.
	expect((await manage(campaign.slug, cookie, { intent: 'remove-file', fileId: file.id })).status).toBe(302)
	expect((await open(file.id, cookie)).status).toBe(404)
	expect((await fetch(managerLink.location ?? '')).status).toBeGreaterThanOrEqual(400)
})
