import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import pg from 'pg'
import type { User } from '../helpers/factories'
import { waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// Comment drives, with and without JavaScript: a visitor writes a personal
// comment from the template and sees the meter rise as they add their own
// words, confirms by email, and the clerk's copy arrives; the organizer sees
// the counts and downloads the printed packet; a federal drive posts to the
// local Regulations.gov and the writer sees the tracking number.

const TEMPLATE = 'I oppose the rezoning of the Mill Road parcels for a data center. Please deny it.'

async function withClient<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A chapter the organizer runs, working on a project with a proceeding before a body whose clerk takes email. */
async function driveWorld(organizer: User, options: { federal: boolean }) {
	const tag = randomBytes(4).toString('hex')
	return withClient(async (client) => {
		const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => {
			const row = (await client.query<R>(text, values)).rows[0]
			if (!row) throw new Error(`no row from ${text}`)
			return row
		}
		const state = await one<{ id: number }>(`select id from public.jurisdictions where kind = 'state' order by id limit 1`, [])
		const chapter = await one<{ id: string }>(
			`insert into public.chapters (slug, name, jurisdiction_id, created_by) values ($1, $2, $3, $4) returning id`,
			[`comments-e2e-${tag}`, `Comment Neighbors ${tag}`, state.id, organizer.id],
		)
		const project = await one<{ id: string }>(
			`insert into public.projects (slug, name, state_id, created_by) values ($1, $2, $3, $4) returning id`,
			[`comments-e2e-project-${tag}`, `Project Quarry ${tag}`, state.id, organizer.id],
		)
		await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
			project.id,
			chapter.id,
			organizer.id,
		])
		const body = await one<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone) values ($1, 'Quarry County Planning Commission', 'planning_commission', $2, 'America/New_York') returning id`,
			[`comments-e2e-body-${tag}`, state.id],
		)
		const clerk = `clerk-${tag}@county.example.gov`
		await client.query(
			`insert into public.comment_channel_settings (body_id, clerk_email, email_packaging, source_url) values ($1, $2, 'individual', 'https://county.example.gov/comments')`,
			[body.id, clerk],
		)
		const proceeding = await one<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, case_number) values ($1, $2, $3, 'rezoning', 'Rezoning of the Mill Road parcels', 'ZMAP-2026-0042') returning id`,
			[`comments-e2e-proceeding-${tag}`, project.id, body.id],
		)
		const slug = `tell-the-commission-${tag}`
		await client.query(
			`insert into public.comment_drives (slug, chapter_id, proceeding_id, regulations_gov_document_id, title, talking_points, template,
				deadline, max_chars, channel, created_by)
			values ($1, $2, $3, $4, 'Tell the commission what the rezoning means for you', 'Say how it affects your home and water.', $5,
				now() + interval '10 days', 5000, $6, $7)`,
			[
				slug,
				chapter.id,
				proceeding.id,
				options.federal ? 'EPA-HQ-OAR-2021-0317-0001' : null,
				TEMPLATE,
				options.federal ? 'regulations_gov' : 'email',
				organizer.id,
			],
		)
		return { slug, clerk }
	})
}

async function ownWordsPercent(page: Page) {
	const text = (await page.getByTestId('own-words').textContent()) ?? ''
	return Number(/(\d+)%/.exec(text)?.[1] ?? -1)
}

/** With JavaScript the meter follows the typing; without it "Check my comment" asks the server. */
async function measure(page: Page, javaScript: boolean) {
	if (!javaScript) await page.getByRole('button', { name: 'Check my comment' }).click()
	await expect(page.getByTestId('own-words')).toHaveText(/\d+% your own words/, { timeout: 15_000 })
	return ownWordsPercent(page)
}

function confirmLink(text: string) {
	const link = /https?:\/\/\S+\/comments\/confirm\?token=[A-Za-z0-9_-]+/.exec(text)?.[0]
	if (!link) throw new Error(`no confirmation link in ${text}`)
	return link
}

test('a visitor writes a personal comment from the template, confirms it, and the clerk gets it; the organizer downloads the packet', async ({
	page,
	newAccount,
	signIn,
	javaScriptEnabled,
}) => {
	// Sign-up, two emails, a worker's delivery and a sign-in, on a machine shared with other suites.
	test.setTimeout(120_000)
	const organizer = await newAccount('drive-organizer')
	const { slug, clerk } = await driveWorld(organizer, { federal: false })
	await page.goto(`/comments/${slug}?start=template`)
	await expect(page.getByRole('heading', { level: 1, name: 'Tell the commission what the rezoning means for you' })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	const email = `writer-${slug}@example.org`
	await page.getByLabel('Your name').fill('Dana Whitfield')
	await page.getByLabel('Email').fill(email)
	const comment = page.getByLabel('Comment', { exact: true })
	await expect(comment).toHaveValue(TEMPLATE)
	const before = await measure(page, javaScriptEnabled)
	expect(before).toBeLessThan(20)
	await expect(page.getByText(/Most of this is the suggested text/)).toBeVisible()

	await comment.fill(
		`${TEMPLATE} Our well on Mill Road is 300 feet from the parcel line, and my son's asthma got worse the summer the test generators ran.`,
	)
	if (javaScriptEnabled) await expect.poll(() => ownWordsPercent(page), { timeout: 15_000 }).toBeGreaterThan(before + 20)
	else expect(await measure(page, false)).toBeGreaterThan(before + 20)

	await page.getByLabel(/I wrote this and I agree/).check()
	await page.getByRole('button', { name: 'Send my comment' }).click()
	await expect(page.getByText('Almost done: check your email.')).toBeVisible()

	const confirmation = await waitForEmail(email, /^Confirm your comment/)
	await page.goto(confirmLink(confirmation.Text))
	await expect(page.getByText(/your comment is confirmed/)).toBeVisible()
	const toClerk = await waitForEmail(clerk, /^Public comment on ZMAP-2026-0042 from Dana Whitfield/)
	expect(toClerk.Text).toContain('300 feet from the parcel line')
	await waitForEmail(email, /^Your comment to /)

	await signIn(organizer, { redirectTo: `/comments/${slug}/manage` })
	await expect(page.getByRole('heading', { level: 1, name: /^Manage:/ })).toBeVisible()
	const counts = page.getByRole('definition')
	await expect(counts.nth(1)).toHaveText('1')
	await expect(page.getByRole('cell', { name: 'Dana Whitfield' })).toBeVisible()
	await expect(page.getByRole('cell', { name: /^delivered/ })).toBeVisible({ timeout: 20_000 })
	if (javaScriptEnabled) {
		const download = page.waitForEvent('download')
		await page.getByRole('link', { name: /Download the packet/ }).click()
		expect((await download).suggestedFilename()).toBe(`${slug}-comments.pdf`)
	} else {
		const response = await page.request.get(`/comments/${slug}/packet.pdf`)
		expect(response.headers()['content-type']).toBe('application/pdf')
		expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-')
	}
})

test('an over-long comment keeps what was typed and says how much to cut', async ({ page, newAccount }) => {
	const organizer = await newAccount('drive-organizer')
	const { slug } = await driveWorld(organizer, { federal: false })
	await withClient((client) => client.query('update public.comment_drives set max_chars = 100 where slug = $1', [slug]))
	await page.goto(`/comments/${slug}?start=blank`)
	const long = `${'Our water table dropped. '.repeat(6)}`
	await page.getByLabel('Your name').fill('Sam Ortiz')
	await page.getByLabel('Email').fill(`long-${slug}@example.org`)
	await page.getByLabel(/I wrote this and I agree/).check()
	await page.getByLabel('Comment', { exact: true }).fill(long)
	await page.getByRole('button', { name: 'Send my comment' }).click()
	await expect(page.getByTestId('length-check')).toContainText('over the limit of 100')
	await expect(page.getByRole('alert').first()).toBeVisible()
	await expect(page.getByLabel('Comment', { exact: true })).toHaveValue(long)
})

test('a federal drive posts the confirmed comment to Regulations.gov and shows its tracking number', async ({ page, newAccount }) => {
	const organizer = await newAccount('federal-organizer')
	const { slug } = await driveWorld(organizer, { federal: true })
	await page.goto(`/comments/${slug}?start=blank`)
	const email = `federal-${slug}@example.org`
	const text = `The rule ignores the diesel generators at the Mill Road site (${slug}).`
	await page.getByLabel('First name').fill('Dana')
	await page.getByLabel('Last name').fill('Whitfield')
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Comment', { exact: true }).fill(text)
	await page.getByLabel(/I wrote this and I agree/).check()
	await page.getByRole('button', { name: 'Send my comment' }).click()
	await expect(page.getByText('Almost done: check your email.')).toBeVisible()
	await page.goto(confirmLink((await waitForEmail(email, /^Confirm your comment/)).Text))
	const fake = `${process.env.SUPABASE_URL}/regulations-gov/_fake/comments`
	let tracking = ''
	await expect
		.poll(
			async () => {
				const posted = (await (await fetch(fake)).json()) as Array<{ trackingNumber: string; comment: string; lastName: string }>
				tracking = posted.find((comment) => comment.comment === text)?.trackingNumber ?? ''
				return tracking
			},
			{ timeout: 30_000 },
		)
		.not.toBe('')
	await expect
		.poll(
			async () => {
				await page.reload()
				return (await page.getByTestId('deliveries').textContent()) ?? ''
			},
			{ timeout: 20_000 },
		)
		.toContain(`receipt ${tracking}`)
})

test('an organizer edits the drive, keeping what was typed on a mistake, and records the printed packet handed to the clerk', async ({
	page,
	newAccount,
	signIn,
}, testInfo) => {
	test.setTimeout(120_000)
	const organizer = await newAccount('drive-editor')
	const { slug } = await driveWorld(organizer, { federal: false })
	await signIn(organizer, { redirectTo: `/comments/${slug}/manage` })
	await page.getByRole('link', { name: /^Edit the drive/ }).click()
	await expect(page.getByRole('heading', { level: 1, name: /^Edit “Tell the commission/ })).toBeVisible()
	await expect(page.getByLabel('Talking points')).toHaveValue('Say how it affects your home and water.')
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	const points = 'Say how it affects your home, your water and your power bill.'
	await page.getByLabel('Talking points').fill(points)
	await page.getByLabel(/^Most characters/).fill('lots')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByRole('alert').first()).toBeVisible()
	await expect(page.getByLabel('Talking points')).toHaveValue(points)
	await page.screenshot({ path: testInfo.outputPath('edit-drive-error.png'), fullPage: true })
	await page.getByLabel(/^Most characters/).fill('4000')
	await page.getByRole('button', { name: 'Save changes' }).click()
	await expect(page.getByText('Saved your changes to the drive.')).toBeVisible()
	await page.goto(`/comments/${slug}`)
	await expect(page.getByText(points)).toBeVisible()

	// Printing the packet records it; the organizer then records handing it over.
	const response = await page.request.get(`/comments/${slug}/packet.pdf`)
	expect(response.headers()['content-type']).toBe('application/pdf')
	await page.goto(`/comments/${slug}/manage`)
	await expect(page.getByTestId('printed-packet')).toHaveCount(1)
	await page.getByLabel('Handed to').fill('Jane Ortiz, Clerk to the Commission')
	await page.getByRole('button', { name: 'Record the hand-over' }).click()
	await expect(page.getByRole('alert').first()).toBeVisible()
	await expect(page.getByLabel('Handed to')).toHaveValue('Jane Ortiz, Clerk to the Commission')
	await page.getByLabel('Date handed over').fill(new Date().toISOString().slice(0, 10))
	await page.getByRole('button', { name: 'Record the hand-over' }).click()
	await expect(page.getByText(/^Recorded\. The comments in that packet are marked delivered/)).toBeVisible()
	await expect(page.getByTestId('printed-packet')).toContainText('Handed to Jane Ortiz, Clerk to the Commission on')
	await page.screenshot({ path: testInfo.outputPath('packet-handed-over.png'), fullPage: true })
})
