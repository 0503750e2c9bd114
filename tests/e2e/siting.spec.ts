import type { Browser, Page } from '@playwright/test'
import pg from 'pg'
import { sendDueReminders } from '#app/siting/jobs.server'
import { uniqueEmail } from '../helpers/accounts'
import { waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// A resident with only a ZIP code finds the data-center projects near them,
// opens one, sees the next deadline and how to take part, follows it by email,
// confirms, and gets the calendar entry and the reminder — on a 360 px phone
// without JavaScript and on a desktop with it.

/** A browser of the visitor's own; on the phone project, 360 px wide. */
async function visitorPage(browser: Browser): Promise<Page> {
	const use = test.info().project.use
	const context = await browser.newContext({
		...use,
		javaScriptEnabled: use.javaScriptEnabled !== false,
		baseURL: use.baseURL,
		...(use.isMobile ? { viewport: { width: 360, height: 780 } } : {}),
	})
	return context.newPage()
}

async function database<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

test('a visitor with a ZIP code finds the project near them, follows it by email and is reminded before the deadline', async ({
	browser,
}) => {
	test.setTimeout(120_000)
	const page = await visitorPage(browser)
	await page.goto('/')
	await page.getByLabel('Is a data center planned near you?').fill('20147')
	await page.getByRole('button', { name: 'Look it up' }).click()
	await expect(page.getByRole('heading', { name: 'Nearest to Ashburn, VA 20147' })).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	await page.locator('a[href="/projects/loudoun-county-va-amazon-aws"]').first().click()
	const next = page.getByRole('region', { name: 'Next deadline' })
	await expect(next).toContainText('Written comments close')
	await expect(next).toContainText('Rezoning for the proposed Amazon campus')
	await expect(next).toContainText('Sign up with the Clerk to the Board')
	await expect(page.getByRole('heading', { name: 'Who decides, and how to take part' })).toBeVisible()
	await expect(page.getByText('Each speaker has 3 minutes.').first()).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	// The calendar entry for the proceeding.
	const ics = await page.request.get('/proceedings/loudoun-amazon-campus-rezoning/calendar.ics')
	expect(ics.headers()['content-type']).toMatch(/text\/calendar/)
	expect(await ics.text()).toMatch(/SUMMARY:Written comments close: /)

	// A mistyped address is explained and kept; then the real one.
	const follow = page.getByRole('region', { name: 'Follow this project' })
	await follow.getByLabel('Your email address').fill('dana@')
	await follow.getByRole('button', { name: 'Follow' }).click()
	await expect(page.getByText('Enter an email address like name@example.org').first()).toBeVisible()
	await expect(page.getByLabel('Your email address')).toHaveValue('dana@')
	await expectNoAxeViolations(page)
	const email = uniqueEmail('follower')
	await page.getByLabel('Your email address').fill(email)
	await page.getByLabel('a week before').check()
	await page.getByRole('button', { name: 'Follow' }).click()
	await expect(page.getByText('Check your inbox: we sent a link to confirm.')).toBeVisible()

	const confirm = await waitForEmail(email, /Confirm: reminders for /)
	const link = /https?:\/\/\S+\/follows\/confirm\?token=[\w-]+/.exec(confirm.Text)?.[0]
	expect(link).toBeTruthy()
	await page.goto(new URL(link ?? '').pathname + new URL(link ?? '').search)
	await expect(page.getByRole('heading', { name: /You are following/ })).toBeVisible()
	await expectNoAxeViolations(page)

	// The week-before reminder, when its time comes (the job runs every 15 minutes; here it runs at that moment).
	const remindAt = await database(async (client) => {
		const { rows } = await client.query<{ at: Date }>(
			`select (((k.due_at at time zone b.time_zone)::date - 7) + time '07:01') at time zone b.time_zone as at
			from public.proceeding_clocks k join public.proceedings pr on pr.id = k.proceeding_id join public.bodies b on b.id = pr.body_id
			where pr.slug = 'loudoun-amazon-campus-rezoning' and k.kind = 'comment_deadline'`,
		)
		return rows[0]?.at
	})
	expect(remindAt).toBeInstanceOf(Date)
	await sendDueReminders(remindAt)
	const reminder = await waitForEmail(email, /^Written comments close: /)
	expect(reminder.Text).toMatch(/Rezoning for the proposed Amazon campus/)
	expect(reminder.Text).toMatch(/\/follows\/stop\?token=/)
	await page.context().close()
})

test('the registry filters by state and status, draws the map with a table, and offers open data', async ({ browser }) => {
	test.setTimeout(90_000)
	const page = await visitorPage(browser)
	await page.goto('/projects')
	await page.locator('summary', { hasText: 'Filter the list' }).click()
	await page.getByLabel('State').selectOption('AZ')
	await page.getByLabel('Status').selectOption('approved')
	await page.getByRole('button', { name: 'Show projects' }).click()
	await expect(page.locator('a[href="/projects/project-blue-az"]')).toBeVisible()
	await expect(page.getByRole('table', { name: 'Projects by state' })).toBeVisible()
	const map = await page.request.get('/projects/map.svg?state=AZ')
	expect(map.headers()['content-type']).toMatch(/image\/svg\+xml/)
	expect(await map.text()).toMatch(/<circle /)
	const csv = await page.request.get('/projects/registry.csv')
	expect(await csv.text()).toMatch(/Data Center Opposition Tracker \(datacentertracker\.org\), CC BY 4\.0/)
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	await page.goto('/projects/project-blue-az')
	await expect(page.getByRole('heading', { level: 1, name: 'Project Blue' })).toBeVisible()
	await expect(page.getByText('Records from the Data Center Opposition Tracker').first()).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)
	await page.context().close()
})
