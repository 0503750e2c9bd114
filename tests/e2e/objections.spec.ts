import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import pg from 'pg'
import type { User } from '../helpers/factories'
import { readEmail, waitForEmail } from '../helpers/mailbox'
import { pdfText } from '../helpers/pdf'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// Formal objections, with and without JavaScript: an organizer drafts an
// objection with two grounds and evidence (a link and an uploaded image), a
// second organizer approves it, two people and one organization co-sign
// through the signing link, the organizer files it by email, the clerk's copy
// arrives in the local inbox with the letter attached, and once published the
// project page shows it. Without JavaScript the journey runs on a 360 px phone.

// A 1×1 PNG, the site photograph exhibit.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

async function withClient<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A Loudoun chapter with two organizers, on a project with a rezoning before a board whose clerk takes email. */
async function objectionWorld(author: User, approver: User) {
	const tag = randomBytes(4).toString('hex')
	return withClient(async (client) => {
		const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) => {
			const row = (await client.query<R>(text, values)).rows[0]
			if (!row) throw new Error(`no row from ${text}`)
			return row
		}
		const county = await one<{ id: number; state: number }>(
			`select id, parent_id as state from public.jurisdictions where slug = 'us-va-loudoun'`,
			[],
		)
		const chapter = await one<{ id: string }>(
			`insert into public.chapters (slug, name, jurisdiction_id, created_by) values ($1, $2, $3, $4) returning id`,
			[`objections-e2e-${tag}`, `Goose Creek Neighbors ${tag}`, county.id, author.id],
		)
		await client.query(
			`insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, 'organizer', 'active')
			on conflict (chapter_id, user_id) do update set role = 'organizer', status = 'active'`,
			[chapter.id, approver.id],
		)
		const project = await one<{ id: string }>(
			`insert into public.projects (slug, name, state_id, county_id, created_by) values ($1, $2, $3, $4, $5) returning id`,
			[`objections-e2e-project-${tag}`, `Goose Creek Campus ${tag}`, county.state, county.id, author.id],
		)
		await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
			project.id,
			chapter.id,
			author.id,
		])
		const clerk = `clerk-${tag}@loudoun.example.gov`
		const body = await one<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, email, meeting_place)
			values ($1, 'Loudoun County Board of Supervisors', 'county_board', $2, 'America/New_York', $3, '1 Harrison Street SE, Leesburg, VA 20175')
			returning id`,
			[`objections-e2e-body-${tag}`, county.id, clerk],
		)
		const slug = `objections-e2e-rezoning-${tag}`
		const proceeding = await one<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, case_number)
			values ($1, $2, $3, 'rezoning', 'Rezoning of the Goose Creek parcels', $4) returning id`,
			[slug, project.id, body.id, `ZMAP-2026-${tag}`],
		)
		await client.query(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'comment_deadline', now() + interval '10 days'),
				($1, 'hearing', now() + interval '20 days')`,
			[proceeding.id],
		)
		return { proceedingSlug: slug, projectSlug: `objections-e2e-project-${tag}`, clerk, caseNumber: `ZMAP-2026-${tag}`, tag }
	})
}

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible()
}

async function look(page: Page, name: string) {
	await noSidewaysScroll(page)
	await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
}

/** A person co-signs through the link; returns the page's thank-you line. */
async function coSign(page: Page, link: string, signer: { name: string; email: string; address: string; organization?: string }) {
	await page.goto(link)
	await expect(page.getByRole('heading', { level: 1, name: 'Co-sign this objection' })).toBeVisible()
	if (signer.organization) {
		await page.getByLabel('I sign').selectOption('organization')
		await page.getByLabel('Organization', { exact: true }).fill(signer.organization)
		await page.getByLabel('Your title in the organization').fill('Chair')
	}
	await page.getByLabel('Full name').fill(signer.name)
	await page.getByLabel('Email', { exact: true }).fill(signer.email)
	await page.getByLabel('Street address').fill(signer.address)
	await page.getByLabel('Show my address on the filing').check()
	await page.getByLabel('Show my name on the public page once it is filed').check()
	await page.getByLabel(/I have read version \d+ of this objection and agree to sign it/).check()
	await page.getByRole('button', { name: 'Sign the objection' }).click()
	await expect(page.getByText(`Thank you, ${signer.name}.`)).toBeVisible()
}

test('an organizer drafts an objection, another approves it, three co-sign, it is filed by email and shown on the project page', async ({
	page,
	newAccount,
	signIn,
	javaScriptEnabled,
}) => {
	// Four sign-ins, three signatures, a PDF built and mailed by the worker, on a machine shared with other suites.
	test.setTimeout(420_000)
	if (!javaScriptEnabled) await page.setViewportSize({ width: 360, height: 780 })
	const author = await newAccount('objection-author', 'Ana Author')
	const approver = await newAccount('objection-approver', 'Omar Approver')
	const representative = await newAccount('objection-representative', 'Zofia Gęślą')
	const world = await objectionWorld(author, approver)

	// Drafting: the text, two grounds from the checklist, a link and a file.
	await signIn(author, { redirectTo: `/proceedings/${world.proceedingSlug}/objections/new` })
	await expect(page.getByRole('heading', { level: 1, name: 'Start a formal objection' })).toBeVisible()
	await expectNoAxeViolations(page)
	await look(page, 'new')
	const subject = `Objection to rezoning ${world.caseNumber}`
	await page.getByLabel('Subject line').fill(subject)
	await page.getByLabel('Standing of residents').fill('The residents signing live within two miles of the Goose Creek parcels.')
	await page.getByLabel('Deny the application').check()
	await page.getByLabel('Conditions', { exact: true }).fill('No generator testing before 9 am')
	await page.getByRole('button', { name: 'Start the draft' }).click()
	await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
	const objectionUrl = new URL(page.url()).pathname
	expect(objectionUrl).toMatch(/^\/objections\/[0-9a-f-]{36}$/)

	for (const [kind, argument] of [
		['Noise', 'The cooling yard would sit 400 feet from the nearest homes on Belmont Ridge Road.'],
		['Water', 'The campus would draw on the same aquifer as the wells of 300 households.'],
	] as const) {
		await page.getByLabel('Ground', { exact: true }).selectOption({ label: kind })
		await page.getByLabel('Argument', { exact: true }).last().fill(argument)
		await page.getByRole('button', { name: 'Add this ground' }).click()
		await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^Ground \\d: ${kind}$`) })).toBeVisible()
	}
	const noise = page.getByRole('region', { name: 'Ground 1: Noise' })
	const water = page.getByRole('region', { name: 'Ground 2: Water' })

	const linkForm = noise.locator('details', { hasText: 'Add a link' })
	await linkForm.locator('summary').click()
	await linkForm.getByLabel('What it is').fill('County noise ordinance')
	await linkForm.getByLabel('Web address').fill('https://example.org/noise-ordinance')
	await linkForm.getByRole('button', { name: 'Add the link' }).click()
	await expect(noise.getByRole('link', { name: 'County noise ordinance' })).toBeVisible()

	const fileForm = water.locator('details', { hasText: 'Attach a file' })
	await fileForm.locator('summary').click()
	await fileForm.getByLabel('What it is').fill('Site photograph')
	await fileForm.getByLabel('File (PDF, PNG or JPEG, up to 10 MB)').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG })
	await fileForm.getByRole('button', { name: 'Attach the file' }).click()
	await expect(water.getByRole('link', { name: 'Site photograph' })).toBeVisible()
	await expect(water.getByText('Exhibit 2:')).toBeVisible()
	await expect(page.getByText('Waiting for another organizer to approve.')).toBeVisible()
	await expectNoAxeViolations(page)
	await look(page, 'draft')

	// The second organizer approves.
	await signOut(page)
	await signIn(approver, { redirectTo: objectionUrl })
	await page.getByRole('button', { name: /^Approve version \d+$/ }).click()
	await expect(page.getByText('Approved. Co-signers can now sign this version.')).toBeVisible()
	await expect(page.getByText(/Version \d+ approved by Omar Approver on/)).toBeVisible()
	const signingLink = (await page.locator('a[href*="/objections/sign/"]').first().getAttribute('href')) ?? ''
	expect(signingLink).toMatch(/\/objections\/sign\/[0-9a-f]{64}$/)
	await signOut(page)

	// Two people sign as visitors; an organization signs through its signed-in representative.
	await coSign(page, signingLink, {
		name: 'Nguyễn Thị Minh Khai',
		email: `minh-${world.tag}@example.org`,
		address: '12 Oak Lane, Ashburn, VA 20147',
	})
	await expectNoAxeViolations(page)
	await look(page, 'signed')
	await coSign(page, signingLink, {
		name: 'Begoña Muñoz',
		email: `begona-${world.tag}@example.org`,
		address: '4 Elm Court, Leesburg, VA 20175',
	})
	await signIn(representative, { redirectTo: new URL(signingLink).pathname })
	await coSign(page, signingLink, {
		name: 'Zofia Gęślą',
		email: representative.email,
		address: '9 Market Street, Leesburg, VA 20176',
		organization: 'Łódź Sister City Association',
	})
	await signOut(page)

	// The author files it by email.
	await signIn(author, { redirectTo: objectionUrl })
	await expect(page.getByText('3 co-signers on the current text')).toBeVisible()
	await expect(page.getByText('Zofia Gęślą, Chair, for Łódź Sister City Association', { exact: false })).toBeVisible()
	await page.getByRole('region', { name: 'Filing' }).scrollIntoViewIfNeeded()
	await look(page, 'ready-to-file')
	await expect(page.getByText(`To ${world.clerk}, with the letter attached, and a copy to each co-signer.`)).toBeVisible()
	await page.getByRole('button', { name: 'File it now' }).click()
	const filing = page.getByRole('region', { name: 'Filing' })
	await expect(filing.getByText(/^Filed by email on /)).toBeVisible({ timeout: 30_000 })
	await expect(filing.getByText('Filed with 3 co-signers.')).toBeVisible()

	const toClerk = await waitForEmail(world.clerk, /^Objection:/, 60_000)
	expect(toClerk.Subject).toContain(subject)
	const detail = (await readEmail(toClerk.ID)) as unknown as {
		Attachments: Array<{ PartID: string; FileName: string; ContentType: string }>
	}
	expect(detail.Attachments).toHaveLength(1)
	expect(detail.Attachments[0]).toMatchObject({ FileName: `objection-${world.caseNumber}.pdf`, ContentType: 'application/pdf' })
	const part = await fetch(`${process.env.MAILBOX_URL}/api/v1/message/${toClerk.ID}/part/${detail.Attachments[0]?.PartID}`)
	const letter = (await pdfText(Buffer.from(await part.arrayBuffer()))).normalize('NFC').replace(/\s+/g, ' ')
	for (const expected of [
		`Re: ${subject}`,
		'1. Noise',
		'2. Water',
		'See Exhibit 1: County noise ordinance.',
		'See Exhibit 2: Site photograph.',
		'Nguyễn Thị Minh Khai',
		'Begoña Muñoz',
		'Zofia Gęślą, Chair, for Łódź Sister City Association',
	]) {
		expect(letter, expected).toContain(expected)
	}
	// The provider accepted it, and the page says so with its message id.
	await expect
		.poll(
			async () => {
				await page.reload()
				return (await filing.getByRole('status').textContent()) ?? ''
			},
			{ timeout: 30_000 },
		)
		.toMatch(/Accepted by the email provider \(message \S+\)\./)

	// Published, it shows on the project page, to visitors too.
	await page.getByRole('button', { name: 'Publish on the project page' }).click()
	await expect(page.getByText('Published on the project page.')).toBeVisible()
	await expectNoAxeViolations(page)
	await look(page, 'filed')
	await signOut(page)
	await page.goto(`/projects/${world.projectSlug}`)
	const section = page.getByRole('region', { name: 'Formal objections' })
	await expect(section.getByRole('link', { name: subject })).toBeVisible()
	await expect(section.getByText('3 co-signers')).toBeVisible()
	await look(page, 'project')
	await section.getByRole('link', { name: subject }).click()
	await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible()
	await expect(page.getByText('Nguyễn Thị Minh Khai')).toBeVisible()
	await expect(page.getByText('12 Oak Lane')).toHaveCount(0)
	await expectNoAxeViolations(page)
	await look(page, 'public')
})
