import type { Browser, Page } from '@playwright/test'
import pg from 'pg'
import { sendSpeakerReminders } from '#app/speakers/jobs.server'
import { uniqueEmail } from '../helpers/accounts'
import { waitForEmail } from '../helpers/mailbox'
import { expectNoAxeViolations } from './axe'
import { expect, noSidewaysScroll, test } from './fixtures'

// A resident signs up to speak at a hearing from the project page, confirms
// by email, gets a slot and an estimated time, writes their testimony and
// practises against the limit, and is reminded the day before; the organizer
// limits the list and prints it; a second resident joins the waitlist and
// takes the slot when the first drops out. On a 360 px phone without
// JavaScript and on a desktop with it. The hearing is the journey's own (its
// own project, chapter and body), so the demo hearings stay as they are.

async function database<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

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

/** A project the organizer's chapter works on, before a body with speaking rules, with a hearing in three days at 6 pm. */
async function ownHearing(organizerId: string) {
	const tag = Math.random().toString(36).slice(2, 10)
	return database(async (client) => {
		const county = await client.query<{ id: number; state_id: number }>(
			`select c.id, c.parent_id as state_id from public.jurisdictions c where c.slug = 'us-va-loudoun'`,
		)
		const place = county.rows[0]
		if (!place) throw new Error('the seed has no Loudoun County')
		const chapter = await client.query<{ id: string }>(
			`insert into public.chapters (slug, name, jurisdiction_id, visibility, created_by) values ($1, $2, $3, 'public', $4) returning id`,
			[`speakers-chapter-${tag}`, `Speakers ${tag} Residents`, place.id, organizerId],
		)
		const project = await client.query<{ slug: string; id: string }>(
			`insert into public.projects (slug, name, state_id, county_id, status, created_by)
			values ($1, $2, $3, $4, 'under_review', $5) returning id, slug`,
			[`speakers-campus-${tag}`, `Speakers Campus ${tag}`, place.state_id, place.id, organizerId],
		)
		await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
			project.rows[0]?.id,
			chapter.rows[0]?.id,
			organizerId,
		])
		const body = await client.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, meeting_place)
			values ($1, 'Speakers County Board', 'county_board', $2, 'America/New_York', 'County Government Center') returning id`,
			[`speakers-board-${tag}`, place.id],
		)
		await client.query(
			`insert into public.body_rules (body_id, speaking_minutes, representative_minutes, signup_methods, signup_how, signup_closes_hours_before, source_url)
			values ($1, 3, 5, '{online,in_person}', 'Sign up with the clerk online or at the door', 2, 'https://example.org/speaking-rules')`,
			[body.rows[0]?.id],
		)
		const proceeding = await client.query<{ id: string; slug: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, stage)
			values ($1, $2, $3, 'rezoning', $4, 'hearing_scheduled') returning id, slug`,
			[`speakers-rezoning-${tag}`, project.rows[0]?.id, body.rows[0]?.id, `Rezoning for Speakers Campus ${tag}`],
		)
		const clock = await client.query<{ due_at: Date; day_before: Date }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at, place)
			values ($1, 'hearing', ((((now() at time zone 'America/New_York')::date + 3) + time '18:00') at time zone 'America/New_York'), 'County Government Center')
			returning due_at, ((((due_at at time zone 'America/New_York')::date - 1) + time '07:00') at time zone 'America/New_York') as day_before`,
			[proceeding.rows[0]?.id],
		)
		return {
			projectSlug: project.rows[0]?.slug ?? '',
			proceedingSlug: proceeding.rows[0]?.slug ?? '',
			title: `Rezoning for Speakers Campus ${tag}`,
			dayBefore: clock.rows[0]?.day_before ?? new Date(),
		}
	})
}

function linkIn(text: string, path: string) {
	const link = new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\?token=[\\w%-]+`).exec(text)?.[0]
	if (!link) throw new Error(`no ${path} link in: ${text}`)
	const url = new URL(link)
	return url.pathname + url.search
}

test('a resident signs up to speak, gets a slot, a reminder and a testimony page; the organizer prints the list; a drop-out promotes the waitlist', async ({
	browser,
	page: organizerPage,
	newAccount,
	signIn,
}) => {
	test.setTimeout(180_000)
	const javaScript = test.info().project.use.javaScriptEnabled !== false
	const organizer = await newAccount('speakers-organizer', 'Odette Organizer')
	const hearing = await ownHearing(organizer.id)

	// The resident finds the deadline on the project page.
	const page = await visitorPage(browser)
	await page.goto(`/projects/${hearing.projectSlug}`)
	const speak = page.getByRole('region', { name: 'Speak at a hearing' })
	await expect(speak).toContainText(`${hearing.title}: sign up to speak by`)
	await speak.getByRole('link', { name: 'Sign up to speak' }).click()
	await expect(page.getByRole('heading', { level: 1, name: /Speak at the hearing/ })).toBeVisible()
	await expect(page.getByText('Each speaker has 3 minutes.')).toBeVisible()
	await expect(page.getByText('Nobody on the list yet.')).toBeVisible()
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	// A mistyped address is explained and what was typed is kept.
	const form = page.getByRole('region', { name: 'Sign up to speak' })
	await form.getByLabel('Your name').fill('Dana Whitfield')
	await form.getByLabel('Your email address').fill('dana@')
	await form.getByRole('button', { name: 'Sign up to speak' }).click()
	await expect(page.getByText('Enter your email address, like name@example.com').first()).toBeVisible()
	await expect(form.getByLabel('Your name')).toHaveValue('Dana Whitfield')
	await expectNoAxeViolations(page)
	const email = uniqueEmail('speaker')
	await form.getByLabel('Your email address').fill(email)
	await form.getByRole('button', { name: 'Sign up to speak' }).click()
	await expect(page.getByText('Check your email: we sent you a link.')).toBeVisible()

	const confirm = await waitForEmail(email, /^Confirm your place to speak/)
	await page.goto(linkIn(confirm.Text, '/speakers/confirm'))
	await expect(page.getByRole('heading', { name: 'You are on the list' })).toBeVisible()
	await page.getByRole('link', { name: 'See your slot and write your testimony' }).click()
	await expect(page.getByText('Slot 1', { exact: true })).toBeVisible()
	await expect(page.getByText(/Expected to be called at about 6:00\sPM/)).toBeVisible()
	await expect(page.getByText('You have 3 minutes.')).toBeVisible()
	const slotPath = new URL(page.url()).pathname + new URL(page.url()).search
	const listed = await waitForEmail(email, /^Slot 1 to speak/)
	expect(listed.Text).toMatch(/Expected to be called at about 6:00/)

	// The testimony, saved and readable without JavaScript; the timer with it.
	const words = 'My well is forty feet from the proposed substation and my family has lived here for three generations.'
	await page.getByLabel('What you will say').fill(words)
	await page.getByRole('button', { name: 'Save testimony' }).click()
	await expect(page.getByText('Saved.', { exact: true })).toBeVisible()
	await expect(page.getByTestId('saved-testimony')).toHaveText(words)
	await expect(page.getByText(/18 words: about 1 minute/)).toBeVisible()
	if (javaScript) {
		await expect(page.getByTestId('timer-display')).toHaveText('3:00')
		await page.getByRole('button', { name: 'Start' }).click()
		await expect(page.getByTestId('timer-display')).not.toHaveText('3:00', { timeout: 5_000 })
		await page.getByRole('button', { name: 'Pause' }).click()
		await page.getByRole('button', { name: 'Reset' }).click()
		await expect(page.getByTestId('timer-display')).toHaveText('3:00')
	} else {
		await expect(page.getByText('The practice timer needs JavaScript.', { exact: false })).toBeVisible()
	}
	await expectNoAxeViolations(page)
	await noSidewaysScroll(page)

	// The reminder the day before (the job runs every 15 minutes; here it runs at that moment).
	await sendSpeakerReminders(hearing.dayBefore)
	const reminder = await waitForEmail(email, /^You speak tomorrow: /)
	expect(reminder.Text).toMatch(/Your slot: 1\./)

	// The organizer limits the list to one place and prints it.
	await signIn(organizer, { redirectTo: `/proceedings/${hearing.proceedingSlug}/speakers/list` })
	await expect(organizerPage.getByRole('heading', { level: 1, name: /Speakers’ list/ })).toBeVisible()
	await expect(organizerPage.getByRole('cell', { name: 'Dana Whitfield' })).toBeVisible()
	await expect(organizerPage.getByRole('cell', { name: email })).toBeVisible()
	await organizerPage.getByLabel('Places on this list').fill('1')
	await organizerPage.getByRole('button', { name: 'Save places' }).click()
	await expect(organizerPage.getByRole('status')).toHaveText('Saved.')
	await organizerPage.emulateMedia({ media: 'print' })
	await expect(organizerPage.getByRole('button', { name: 'Save places' })).toBeHidden()
	await expect(organizerPage.locator('body > header')).toBeHidden()
	await expect(organizerPage.getByRole('cell', { name: 'Dana Whitfield' })).toBeVisible()
	await expect(organizerPage.getByText(/^Printed /)).toBeVisible()
	await organizerPage.emulateMedia({ media: 'screen' })
	await expectNoAxeViolations(organizerPage)

	// A second resident finds the list full and joins the waitlist.
	const second = await visitorPage(browser)
	await second.goto(`/proceedings/${hearing.proceedingSlug}/speakers`)
	await expect(second.getByText(/The list is full/)).toBeVisible()
	const waitingEmail = uniqueEmail('waiting')
	await second.getByLabel('Your name').fill('Sam Ortiz')
	await second.getByLabel('Your email address').fill(waitingEmail)
	await second.getByRole('button', { name: 'Join the waitlist' }).click()
	await expect(second.getByText('Check your email: we sent you a link.')).toBeVisible()
	await second.goto(linkIn((await waitForEmail(waitingEmail, /^Confirm your place to speak/)).Text, '/speakers/confirm'))
	await expect(second.getByRole('heading', { name: 'You are on the waitlist' })).toBeVisible()

	// The first resident drops out; the waitlisted one takes the slot and is emailed.
	await page.goto(slotPath)
	await page.getByRole('link', { name: 'Drop out of this hearing…' }).click()
	await page.getByRole('button', { name: 'Yes, drop out' }).click()
	await expect(page.getByText('You dropped out.', { exact: false }).first()).toBeVisible()
	const promoted = await waitForEmail(waitingEmail, /^A place opened up: slot 1/)
	await second.goto(linkIn(promoted.Text, '/speakers/slot'))
	await expect(second.getByText('Slot 1', { exact: true })).toBeVisible()
	await expectNoAxeViolations(second)
	await page.context().close()
	await second.context().close()
})
