import { randomUUID } from 'node:crypto'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import WebSocket from 'ws'
import { addMembership, createChapter, createPetition, createSignature, createUser, makeModerator, type User } from '../helpers/factories'
import {
	crawl,
	formKind,
	paramValues,
	request,
	routeTable,
	submit,
	type Answer,
	type Field,
	type FilePart,
	type FoundForm,
	type Submission,
} from './form-crawler'
import { FAMILIES, MARKERS, type Family } from './hostile-payloads'

// Issue 8, "hostile input" (docs/decisions/043-hostile-input-crawler.md).
// The forms are found by crawling the site as a visitor, a demo member
// (Dana) and a demo organizer (Priya, also the moderator). They are posted,
// without JavaScript, in a world of the spec's own: the same pages for a
// member and an organizer-moderator it creates, in a chapter, an event and
// a petition of its own, so nothing the other journeys rely on changes.
// Every answer must be below 500 and carry no payload unescaped.

type Person = 'visitor' | 'member' | 'organizer'

const DEMO: Record<Exclude<Person, 'visitor'>, string> = {
	member: 'dana.whitfield@example.org',
	organizer: 'priya.raman@example.org',
}

/** Where each person's crawl starts: the home page, and their account page when signed in. */
const STARTS: Record<Person, string[]> = {
	visitor: [
		'/',
		'/signin',
		'/signup',
		'/forgot-password',
		'/signin/code',
		'/check-email?kind=signup&email=nobody%40example.org',
		'/check-email',
	],
	member: ['/', '/account', '/petitions/mine'],
	organizer: ['/', '/account', '/petitions/mine', '/moderation', '/chapters/new', '/petitions/new'],
}

function admin() {
	return createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never },
	})
}

/** Signs in by an emailed link, which no sign-in limit counts (the journeys share the password allowance). */
async function signInByLink(page: Page, email: string) {
	const { data, error } = await admin().auth.admin.generateLink({ type: 'magiclink', email })
	if (error) throw error
	await page.goto(`/auth/confirm?${new URLSearchParams({ token_hash: data.properties.hashed_token, type: 'magiclink', next: '/account' })}`)
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundwork-hostile-input' })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

type OwnWorld = {
	member: User
	organizer: User
	/** The slugs and ids in the own world's addresses. */
	params: string[]
	/** Every id a form of the own world may carry in a hidden field. */
	ids: string[]
	/** Pages the crawl starts from besides the home and account pages. */
	pages: string[]
	petitionIds: string[]
}

/**
 * The spec's own world, mirroring what the demo people are served: a chapter
 * with an organizer (also a site moderator) and a member, an event, an update,
 * a published petition with a report and a draft; and a second chapter the
 * member can join; a data-center project that chapter works on, with a
 * proceeding before a body and a hearing to come.
 */
async function ownWorld(): Promise<OwnWorld> {
	return withDatabase(async (client) => {
		const tag = randomUUID().slice(0, 8)
		const organizer = await createUser(client, { email: `hostile-organizer-${tag}@example.org`, displayName: 'Hollis Organizer' })
		const member = await createUser(client, { email: `hostile-member-${tag}@example.org`, displayName: 'Mel Member' })
		await makeModerator(client, organizer)
		// A ZIP code on file, as the demo people have, lets a member sign with one click.
		await client.query(`update public.profile_settings set postal_code = '20175' where user_id in ($1, $2)`, [organizer.id, member.id])
		// A real county, as the demo chapters have: the edit form then carries the chosen place.
		const county = await client.query<{ id: number; slug: string }>(
			`select id, slug from public.jurisdictions where kind = 'county' and slug = 'us-va-loudoun'`,
		)
		const jurisdiction = { id: county.rows[0]?.id ?? 0, slug: county.rows[0]?.slug ?? '', stateId: 0, countryId: 0 }
		const chapter = await createChapter(client, { organizer, visibility: 'public', jurisdiction })
		const other = await createChapter(client, { organizer, visibility: 'public', jurisdiction })
		await addMembership(client, chapter, member, 'member', 'active')
		// A chapter someone else runs, which the organizer can join (project pages link the chapters working on them).
		const third = await createChapter(client, { organizer: member, visibility: 'public', jurisdiction })
		const start = new Date(Date.now() + 7 * 86400_000)
		const event = await client.query<{ id: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, capacity, created_by)
			values ($1, 'hearing', 'Hearing on the hostile campus', $2, $3, 'America/New_York', 'County hall', 50, $4) returning id`,
			[chapter.id, start, new Date(start.getTime() + 2 * 3600_000), organizer.id],
		)
		const update = await client.query<{ id: string }>(
			`insert into public.chapter_updates (chapter_id, author_id, title, body) values ($1, $2, 'Hearing moved', 'Now on **Tuesday**.') returning id`,
			[chapter.id, organizer.id],
		)
		// Member home (issue 15): the demo member's /home lists an event she said yes to, and its page offers to cancel the RSVP.
		await client.query(
			`insert into public.event_rsvps (event_id, user_id, name, email, status) values ($1, $2, 'Mel Member', $3, 'going')`,
			[event.rows[0]?.id, member.id, member.email.toLowerCase()],
		)
		// The event's count goes with it, as the RSVP function keeps it: a cancel then brings it back to 0.
		await client.query('update public.events set going_count = going_count + 1 where id = $1', [event.rows[0]?.id])
		// A second event she has not answered, whose page offers the RSVP form the demo member is served.
		const second = await client.query<{ id: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, capacity, created_by)
			values ($1, 'meeting', 'Hostile campus planning meeting', $2, $3, 'America/New_York', 'Library', 20, $4) returning id`,
			[chapter.id, new Date(start.getTime() + 86400_000), new Date(start.getTime() + 86400_000 + 3600_000), organizer.id],
		)
		// Member home (issue 15): the demo organizer's /home links to a chapter with a join request, whose members page offers approve and decline.
		const asking = await createUser(client, { email: `hostile-asking-${tag}@example.org`, displayName: 'Ash Asking' })
		await addMembership(client, chapter, asking, 'member', 'pending')
		// Their request's note is shown (as text) on the requests list.
		await client.query(`update public.memberships set request_note = $3 where chapter_id = $1 and user_id = $2`, [
			chapter.id,
			asking.id,
			'I went to the <b>March</b> hearing & want to help.',
		])
		const petition = await createPetition(client, { organizer, chapter })
		const draft = await createPetition(client, { organizer, chapter, status: 'draft' })
		// A closed petition, whose dashboard offers to reopen it.
		const closed = await createPetition(client, { organizer, chapter, status: 'closed' })
		// Signatures, some held for each reason, so the moderator's page shows its tables and release forms.
		for (const n of [1, 2, 3]) await createSignature(client, petition, { status: 'confirmed', ip: `203.0.113.${n}` })
		for (const reason of ['honeypot', 'too_fast', 'rate_ip', 'rate_domain']) {
			const held = await createSignature(client, petition, { status: 'suspected', ip: '203.0.113.9' })
			await client.query('update public.signatures set suspect_reason = $2 where id = $1', [held.id, reason])
		}
		const report = await client.query<{ id: string }>(
			`insert into public.petition_reports (petition_id, reason, details) values ($1, 'spam', 'hostile-input report') returning id`,
			[petition.id],
		)
		// A data-center project the chapter works on, with a proceeding and a deadline to come, as the demo Loudoun chapter has.
		const project = await client.query<{ id: string; slug: string }>(
			`insert into public.projects (slug, name, developer, state_id, county_id, locality, latitude, longitude, megawatts, status, created_by)
			select $1, 'Hostile Campus', 'Hostile Developer', s.id, $2, 'Ashburn', 39.04, -77.49, 300, 'under_review', $3
			from public.jurisdictions s where s.kind = 'state' and s.abbreviation = 'VA'
			returning id, slug`,
			[`hostile-project-${tag}`, jurisdiction.id, organizer.id],
		)
		const projectId = project.rows[0]?.id ?? ''
		const projectSlug = project.rows[0]?.slug ?? ''
		await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
			projectId,
			chapter.id,
			organizer.id,
		])
		// A body of its own (with a member), so nothing here changes the demo bodies other journeys use.
		const body = await client.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, created_by)
			values ($1, 'Hostile County Board', 'county_board', $2, 'America/New_York', $3) returning id`,
			[`hostile-body-${tag}`, jurisdiction.id, organizer.id],
		)
		const bodyId = body.rows[0]?.id ?? ''
		const proceeding = await client.query<{ id: string; slug: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, stage, created_by)
			values ($1, $2, $3, 'rezoning', 'Rezoning for the hostile campus', 'hearing_scheduled', $4)
			returning id, slug`,
			[`hostile-proceeding-${tag}`, projectId, bodyId, organizer.id],
		)
		const proceedingId = proceeding.rows[0]?.id ?? ''
		// A member of the body, so the vote form asks for a position, as it does once anyone records the demo body's members.
		await client.query(
			`insert into public.officials (slug, body_id, name, source_url) values ($1, $2, 'Hostile Official', 'https://example.org/officials')`,
			[`hostile-official-${tag}`, bodyId],
		)
		await client.query(`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', $2)`, [
			proceedingId,
			start,
		])
		// speakers: the sign-up form names the hearing it is for (a hidden clockId).
		const hearings = await client.query<{ id: string }>(
			`select id from public.proceeding_clocks where proceeding_id = $1 and kind = 'hearing'`,
			[proceedingId],
		)
		// campaigns: a ballot campaign the chapter owns, with a step, an open milestone, the requirement and a linked
		// petition, so the manage page serves every form it serves for the seeded campaigns (and the paper page too).
		const campaign = await client.query<{ id: string; slug: string }>(
			`insert into public.campaigns (slug, name, kind, goal, jurisdiction_id, target, target_name, status, created_by)
			values ($1, 'Hostile public power', 'ballot_initiative', 'Put public power before the county''s voters.', $2, 'voters',
				'County voters', 'active', $3) returning id, slug`,
			[`hostile-campaign-${tag}`, jurisdiction.id, organizer.id],
		)
		const campaignId = campaign.rows[0]?.id ?? ''
		const campaignSlug = campaign.rows[0]?.slug ?? ''
		await client.query(`insert into public.campaign_chapters (campaign_id, chapter_id, status, added_by) values ($1, $2, 'active', $3)`, [
			campaignId,
			chapter.id,
			organizer.id,
		])
		const stage = await client.query<{ id: string }>(
			`insert into public.campaign_stages (campaign_id, position, template_key, title) values ($1, 0, 'circulation', 'Circulating the petition') returning id`,
			[campaignId],
		)
		const milestone = await client.query<{ id: string }>(
			`insert into public.campaign_milestones (campaign_id, title, due_on) values ($1, 'File the signatures', current_date + 30) returning id`,
			[campaignId],
		)
		await client.query(
			`insert into public.campaign_ballot_rules (campaign_id, rule_kind, required_count, rule_citation) values ($1, 'fixed', 100, 'Hostile rule')`,
			[campaignId],
		)
		const campaignLink = await client.query<{ id: string }>(
			`insert into public.campaign_links (campaign_id, petition_id, added_by) values ($1, $2, $3) returning id`,
			[campaignId, petition.id, organizer.id],
		)
		const campaignIds = [campaignId, stage.rows[0]?.id ?? '', milestone.rows[0]?.id ?? '', campaignLink.rows[0]?.id ?? '']
		// objections: a draft with a ground and a linked exhibit (every drafting, review and comment form), and an approved
		// one whose signing link serves the co-signing form and whose page serves the filing forms (the body has no email
		// on record, so the filing made by hand).
		const objection = async (subject: string, approved: boolean) => {
			const row = await client.query<{ id: string; signing_token: string }>(
				`insert into public.objections (proceeding_id, chapter_id, author_id, subject, standing_residents, relief)
				values ($1, $2, $3, $4, 'Neighbours within a mile.', '{deny}') returning id, signing_token`,
				[proceedingId, chapter.id, organizer.id, subject],
			)
			const id = row.rows[0]?.id ?? ''
			const ground = await client.query<{ id: string }>(
				`insert into public.objection_grounds (objection_id, position, kind, title, argument)
				values ($1, 1, 'noise', 'Noise', 'The cooling yard is 400 feet from homes.') returning id`,
				[id],
			)
			const evidence = await client.query<{ id: string }>(
				`insert into public.objection_evidence (objection_id, ground_id, title, url, added_by)
				values ($1, $2, 'County noise ordinance', 'https://example.org/noise', $3) returning id`,
				[id, ground.rows[0]?.id, organizer.id],
			)
			const snapshot = {
				subject,
				standingResidents: 'Neighbours within a mile.',
				standingOrganizations: '',
				relief: ['deny'],
				reliefConditions: [],
				reliefNote: '',
				grounds: [
					{
						kind: 'noise',
						title: 'Noise',
						argument: 'The cooling yard is 400 feet from homes.',
						figures: [],
						evidence: [{ title: 'County noise ordinance', url: 'https://example.org/noise', file: false }],
					},
				],
			}
			await client.query(
				`insert into public.objection_versions (objection_id, number, snapshot, material, saved_by) values ($1, 1, $2, true, $3)`,
				[id, JSON.stringify(snapshot), organizer.id],
			)
			if (approved)
				await client.query(`update public.objections set status = 'approved', approved_by = $2, self_approved = true where id = $1`, [
					id,
					organizer.id,
				])
			return { id, token: row.rows[0]?.signing_token ?? '', ids: [id, ground.rows[0]?.id ?? '', evidence.rows[0]?.id ?? ''] }
		}
		const draftObjection = await objection('Objection to the hostile rezoning', false)
		const approvedObjection = await objection('Approved objection to the hostile rezoning', true)
		const eventId = event.rows[0]?.id ?? ''
		const updateId = update.rows[0]?.id ?? ''
		return {
			member,
			organizer,
			params: [
				chapter.slug,
				other.slug,
				third.slug,
				eventId,
				second.rows[0]?.id ?? '',
				updateId,
				petition.slug,
				draft.slug,
				closed.slug,
				projectSlug,
				proceeding.rows[0]?.slug ?? '',
				campaignSlug,
				draftObjection.id,
				approvedObjection.id,
				approvedObjection.token,
			],
			ids: [
				...draftObjection.ids,
				...approvedObjection.ids,
				...campaignIds,
				// The approve and decline forms name the person asking to join.
				asking.id,
				chapter.id,
				other.id,
				third.id,
				closed.id,
				eventId,
				second.rows[0]?.id ?? '',
				updateId,
				petition.id,
				draft.id,
				report.rows[0]?.id ?? '',
				String(jurisdiction.id),
				projectId,
				proceedingId,
				bodyId,
				...hearings.rows.map((row) => row.id),
			],
			petitionIds: [petition.id, draft.id, closed.id],
			pages: [
				`/chapters/${chapter.slug}`,
				// Reached late by a crawl through every feature's pages: started from directly.
				`/chapters/${chapter.slug}/members`,
				`/chapters/${chapter.slug}/events/${second.rows[0]?.id ?? ''}`,
				'/projects/new',
				`/moderation/petitions/${petition.slug}`,
				`/chapters/${other.slug}`,
				`/chapters/${chapter.slug}/events/${eventId}`,
				// Issue 15: the organizer's event edit form (title, times, place, seats).
				`/chapters/${chapter.slug}/events/${eventId}/edit`,
				`/petitions/${petition.slug}`,
				`/petitions/${petition.slug}/manage`,
				`/petitions/${draft.slug}/manage`,
				`/projects/${projectSlug}`,
				`/projects/${projectSlug}/records/new`,
				`/bodies/hostile-body-${tag}`,
				`/proceedings/${proceeding.rows[0]?.slug ?? ''}/votes/new`,
				`/chapters/${third.slug}`,
				`/petitions/${closed.slug}/manage`,
				// speakers: the hearing's sign-up form, and the organizers' list with its places form.
				`/proceedings/${proceeding.rows[0]?.slug ?? ''}/speakers`,
				`/proceedings/${proceeding.rows[0]?.slug ?? ''}/speakers/list`,
				`/campaigns/${campaignSlug}`,
				`/campaigns/${campaignSlug}/manage`,
				`/campaigns/${campaignSlug}/paper`,
				'/campaigns/new',
				`/objections/${draftObjection.id}`,
				`/objections/${approvedObjection.id}`,
				`/objections/sign/${approvedObjection.token}`,
				`/proceedings/${proceeding.rows[0]?.slug ?? ''}/objections/new`,
			],
		}
	})
}

async function personPage(browser: Browser, baseURL: string, email: string | null) {
	const context = await browser.newContext({ baseURL, javaScriptEnabled: false })
	const page = await context.newPage()
	if (email) await signInByLink(page, email)
	return page
}

/** A future wall-clock time as a datetime-local input takes it. */
function localDateTime(days: number, hour: number) {
	const date = new Date(Date.now() + days * 86400_000)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`
}

/** A value each kind of field accepts, so that one hostile field at a time gets past the others. */
function validValue(field: Field): string {
	if (field.kind === 'checkbox' || field.kind === 'radio') return field.value || 'on'
	if (field.kind === 'select') return field.value || (field.options.find(Boolean) ?? '')
	if (field.value) return field.value
	if (field.kind === 'email' || /email/i.test(field.name)) return `hostile-${randomUUID().slice(0, 8)}@hostile-input.example.org`
	if (field.kind === 'password') return 'a calm long passphrase 42'
	if (/postal|zip/i.test(field.name)) return '20175'
	if (/place|where|near/i.test(field.name)) return 'Loudoun County, VA'
	if (field.kind === 'url' || /url/i.test(field.name)) return 'https://example.org/'
	if (field.kind === 'number') return field.min || '10'
	if (field.kind === 'date') return localDateTime(30, 0).slice(0, 10)
	if (field.kind === 'datetime-local') return localDateTime(7, /end/i.test(field.name) ? 20 : 18)
	if (field.kind === 'time') return '18:00'
	if (field.kind === 'textarea') return 'A calm, ordinary paragraph about the hearing on Tuesday evening at the county hall.'
	return 'An ordinary title for a test'
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
/** A small file whose name and content are hostile: script in an SVG that claims to be a PNG. */
const HOSTILE_FILE: FilePart = {
	filename: '"><img src=x onerror=gwXss(2)>.png',
	contentType: 'image/png',
	content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="gwXss(3)"><script>gw-xss-1</script></svg>'),
}

type Variant = 'every field' | 'one kind of field'

/** The form's fields filled for one post: hidden fields as served (unless the family tampers with them), the pressed button last. */
function fill(form: FoundForm, family: Family, variant: Variant, only?: string): Submission {
	const submission: Submission = []
	const radios = new Set<string>()
	for (const field of form.fields) {
		if (field.kind === 'radio') {
			if (radios.has(field.name)) continue
			radios.add(field.name)
		}
		if (field.kind === 'hidden') {
			submission.push([field.name, family.hidden ? family.hidden[variant === 'every field' ? 'every' : 'targeted'] : field.value])
		} else if (field.kind === 'file') {
			const empty = family.name === 'empty fields'
			submission.push([
				field.name,
				empty
					? { filename: '', contentType: 'application/octet-stream', content: Buffer.alloc(0) }
					: variant === 'every field'
						? HOSTILE_FILE
						: { filename: 'ok.png', contentType: 'image/png', content: PNG },
			])
		} else if (variant === 'every field' && family.every) {
			submission.push([field.name, family.every(field)])
		} else if (
			variant === 'one kind of field' &&
			family.targets?.(field) &&
			family.targeted &&
			(only === undefined || only === field.name)
		) {
			submission.push([field.name, family.targeted(field)])
		} else {
			submission.push([field.name, validValue(field)])
		}
	}
	if (form.submitter) submission.push([form.submitter.name, form.submitter.value])
	return submission
}

/** Forms that act on the signed-in person's session, posted last (or not at all: signing out ends the crawl). */
const SKIPPED_FORMS = [/^POST routes\/signout\b/]
const LAST = /delete|remove|leave|cancel|down|close|make member|password|withdraw|dismiss/i

type Problem = string

function problemsIn(answer: Answer, where: string): Problem[] {
	const problems: Problem[] = []
	if (answer.status >= 500) problems.push(`${where}: HTTP ${answer.status}`)
	for (const marker of MARKERS) if (answer.body.includes(marker)) problems.push(`${where}: the answer carries ${marker} unescaped`)
	return problems
}

async function cookieHeader(page: Page) {
	return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
	let next = 0
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) await work(items[next++] as T)
		}),
	)
}

const PEOPLE: Person[] = ['visitor', 'member', 'organizer']

for (const person of PEOPLE) {
	test(`every form a ${person} is served answers hostile input without a 500 and without echoing markup`, async ({
		browser,
		baseURL,
	}, testInfo) => {
		// Forms are posted without JavaScript, as plain HTTP: once is enough, so the phone project runs it.
		test.skip(
			testInfo.project.name !== 'phone-no-js',
			'posts forms as a browser without JavaScript does; runs once, in the phone-no-js project',
		)
		// Campaigns' manage page alone serves a dozen forms: every family to each takes a while on a shared machine.
		test.setTimeout(600_000)
		const origin = baseURL ?? ''
		const routes = routeTable()
		const started = Date.now()

		// 1. What the demo person is served: their crawl finds the forms.
		const demo = await personPage(browser, origin, person === 'visitor' ? null : DEMO[person])
		const demoCrawl = await crawl(demo, routes, origin, STARTS[person])
		await demo.context().close()
		const demoKinds = new Map(demoCrawl.forms.map((form) => [formKind(form), form]))

		// 2. The same pages in the spec's own world, for its own member and organizer.
		const world = await ownWorld()
		const ownValues = new Set(world.params)
		const own = await personPage(browser, origin, person === 'visitor' ? null : world[person].email)
		const ownStarts = [...STARTS[person], ...world.pages]
		const ownCrawl = await crawl(own, routes, origin, ownStarts, {
			maxPages: 80,
			perRoute: 3,
			allow: (url) => paramValues(routes, url).every((value) => ownValues.has(value)),
		})
		const ownIds = new Set([...ownValues, world.member.id, world.organizer.id, ...world.ids])
		const forms = new Map<string, FoundForm>()
		for (const form of ownCrawl.forms) {
			const kind = formKind(form)
			if (forms.has(kind) || SKIPPED_FORMS.some((pattern) => pattern.test(kind))) continue
			// Never a form about someone else's chapter or petition (the moderation queue lists every report).
			const foreign = form.fields.some(
				(field) =>
					field.kind === 'hidden' &&
					field.name !== 'intent' &&
					(/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(field.value) || /(^slug$|Id$|Slug$)/.test(field.name)) &&
					field.value !== '' &&
					!ownIds.has(field.value),
			)
			if (!foreign) forms.set(kind, form)
		}
		// Covered means the same form (route, method, intent, button): its fields may differ with the world's rows
		// (a vote form asks one position per member of the body).
		const family = (form: FoundForm) => formKind({ ...form, fields: form.fields.filter((field) => field.name === 'intent') })
		const ownFamilies = new Set([...forms.values()].map(family))
		const uncovered = [...demoKinds.entries()]
			.filter(([kind, form]) => !forms.has(kind) && !ownFamilies.has(family(form)) && !SKIPPED_FORMS.some((pattern) => pattern.test(kind)))
			.map(([kind]) => kind)
		expect.soft(uncovered, `forms the demo ${person} is served that the spec's own world does not have: add them to ownWorld()`).toEqual([])

		// 3. Every payload family, twice, to every form; the session-ending ones last.
		const posts = [...forms.values()]
			.sort((a, b) => Number(LAST.test(a.label)) - Number(LAST.test(b.label)))
			.flatMap((form) =>
				FAMILIES.flatMap((family) => {
					const every = family.targetedOnly ? [] : [{ form, family, variant: 'every field' as const, only: undefined }]
					if (!family.targets && !family.hidden) return every
					const targeted = family.perField
						? [...new Set(form.fields.filter((field) => family.targets?.(field)).map((field) => field.name))]
						: [undefined]
					return [...every, ...targeted.map((only) => ({ form, family, variant: 'one kind of field' as const, only }))]
				}),
			)
		const problems: Problem[] = []
		const cookie = await cookieHeader(own)
		let sent = 0
		const address = () => {
			sent++
			return `127.${60 + PEOPLE.indexOf(person)}.${Math.floor(sent / 250) % 250}.${(sent % 250) + 1}`
		}
		const timings = { crawls: Date.now() - started, posts: 0 }
		await pool(posts, 2, async ({ form, family, variant, only }) => {
			const where = `${person}: "${form.label}" (${formKind(form)}) on ${form.page}, ${family.name}, ${only ? `in ${only}` : variant}`
			const answer = await submit(origin, form, fill(form, family, variant, only), { cookie, localAddress: address() }).catch(
				(error: unknown): Answer => ({ status: 0, location: null, body: '', setCookies: [], error: String(error) }),
			)
			if (answer.error) problems.push(`${where}: ${answer.error}`)
			problems.push(...problemsIn(answer, where))
			if (answer.status >= 300 && answer.status < 400 && answer.location) {
				const target = new URL(answer.location, origin)
				if (target.origin === origin) {
					const landed = await request(origin, target.pathname + target.search, { method: 'GET', cookie, localAddress: address() }).catch(
						(error: unknown): Answer => ({ status: 0, location: null, body: '', setCookies: [], error: String(error) }),
					)
					if (landed.error) problems.push(`${where}, then ${target.pathname}: ${landed.error}`)
					problems.push(...problemsIn(landed, `${where}, then ${target.pathname}${target.search}`))
				}
			}
		})

		timings.posts = Date.now() - started - timings.crawls

		// 4. Whatever was stored is shown escaped wherever it now appears.
		for (const visit of ownCrawl.visits) {
			const answer = await request(origin, visit.url, { method: 'GET', cookie, localAddress: address() })
			problems.push(...problemsIn(answer, `${person}: ${visit.url} after the posts`))
		}
		await own.context().close()
		// The moderation queue is the whole site's: leave no report of ours open in it for the other journeys.
		await withDatabase((client) => client.query('delete from public.petition_reports where petition_id = any($1)', [world.petitionIds]))
		await testInfo.attach('posted', {
			body: `${[...forms.keys()].join('\n')}\n\n${posts.length} posts; crawls ${timings.crawls} ms, posts ${timings.posts} ms`,
			contentType: 'text/plain',
		})
		expect(problems).toEqual([])
	})
}
