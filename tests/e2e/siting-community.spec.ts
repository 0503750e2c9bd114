import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import pg from 'pg'
import { expectNoAxeViolations } from './axe'
import { expect, test } from './fixtures'

// A visitor reads a deciding body's page and a member's voting record; the
// organizer of the chapter working on the project records a vote. With
// JavaScript and without, on a desktop and on a phone.

async function withClient<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

/** A board with two members and a decided-on-the-night rezoning on the demo Loudoun project (setup, not under test). */
async function boardWithMembers() {
	const suffix = randomBytes(3).toString('hex')
	return withClient(async (client) => {
		const {
			rows: [body],
		} = await client.query<{ id: string; slug: string; name: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone)
			select $1, $2, 'planning_commission', j.id, 'America/New_York' from public.jurisdictions j where j.slug = 'us-va-loudoun'
			returning id, slug, name`,
			[`test-planning-commission-${suffix}`, `Test Planning Commission ${suffix}`],
		)
		if (!body) throw new Error('no body')
		const {
			rows: [proceeding],
		} = await client.query<{ id: string; slug: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title)
			select $1, p.id, $2, 'special_use_permit', $3 from public.projects p where p.slug = 'loudoun-county-va-amazon-aws'
			returning id, slug`,
			[`test-permit-${suffix}`, body.id, `Special-use permit ${suffix}`],
		)
		if (!proceeding) throw new Error('no proceeding')
		await client.query(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', '2026-11-10T23:00:00Z')`,
			[proceeding.id],
		)
		const names = [`Ada Quill ${suffix}`, `Ben Ortiz ${suffix}`]
		const officials = []
		for (const name of names) {
			const slug = name.toLowerCase().replace(/\s+/g, '-')
			await client.query(
				`insert into public.officials (slug, body_id, name, title, district, source_url) values ($1, $2, $3, 'Commissioner', 'Ashburn District', 'https://example.org/commission')`,
				[slug, body.id, name],
			)
			officials.push({ slug, name })
		}
		return { body, proceeding, officials }
	})
}

async function signInAsPriya(page: Page, redirectTo: string) {
	await page.goto(`/signin?redirectTo=${encodeURIComponent(redirectTo)}`)
	await page.getByLabel('Email address').fill('priya.raman@example.org')
	await page.getByLabel('Password').fill('groundwork-demo')
	await page.getByRole('button', { name: 'Sign in', exact: true }).click()
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

test('an organizer records a vote; a visitor opens the body’s page and a member’s record', async ({ page, browser }) => {
	const { body, proceeding, officials } = await boardWithMembers()
	const [ada, ben] = officials
	if (!ada || !ben) throw new Error('no officials')

	await signInAsPriya(page, `/proceedings/${proceeding.slug}/votes/new`)
	await expect(page.getByRole('heading', { name: 'Record a vote' })).toBeVisible()
	await expectNoAxeViolations(page)
	// A vote dated before the hearing is refused, and what was typed stays.
	await page.getByLabel('Date of the vote').fill('2026-11-09')
	await page.getByLabel('Motion', { exact: true }).fill('Motion to approve the special-use permit')
	await page.getByLabel('Source', { exact: true }).fill('https://example.org/minutes/2026-11-10')
	await page.getByRole('button', { name: 'Record the vote' }).click()
	await expect(page.getByRole('alert')).toContainText('The vote is dated before the hearing on Tuesday, November 10, 2026')
	await expect(page.getByLabel('Motion', { exact: true })).toHaveValue('Motion to approve the special-use permit')
	await page.getByLabel('Date of the vote').fill('2026-11-10')
	await page.getByLabel('Result (optional)').fill('Approved 1–1 on the chair’s vote')
	await page.getByLabel(`${ada.name}, Commissioner, Ashburn District`).selectOption('yes')
	await page.getByLabel(`${ben.name}, Commissioner, Ashburn District`).selectOption('no')
	await page.getByRole('button', { name: 'Record the vote' }).click()
	await expect(page).toHaveURL(/\/projects\/loudoun-county-va-amazon-aws\?vote=recorded/)
	await expect(page.getByRole('link', { name: ada.name })).toBeVisible()

	const visitor = await browser.newContext({
		javaScriptEnabled: test.info().project.use.javaScriptEnabled,
		viewport: test.info().project.use.viewport ?? null,
	})
	const reader = await visitor.newPage()
	try {
		await reader.goto(`/bodies/${body.slug}`)
		await expect(reader.getByRole('heading', { level: 1, name: body.name })).toBeVisible()
		await expect(reader.getByText('Nobody has recorded this body’s rules for speaking and comments yet.')).toBeVisible()
		await expect(reader.getByRole('link', { name: `Special-use permit` })).toBeVisible()
		await expectNoAxeViolations(reader)
		await reader.getByRole('link', { name: ada.name }).click()
		await expect(reader.getByRole('heading', { level: 1, name: ada.name })).toBeVisible()
		await expect(reader.getByRole('link', { name: `Member of ${body.name}` })).toBeVisible()
		await expect(reader.getByRole('row', { name: 'Yes 1' })).toBeVisible()
		await expect(reader.getByText('Motion: Motion to approve the special-use permit (Approved 1–1 on the chair’s vote)')).toBeVisible()
		await expectNoAxeViolations(reader)
	} finally {
		await visitor.close()
	}
})
