import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { requireUser } from '#app/auth/guards.server'
import { FieldNotes, SubmitButton } from '#app/components/forms'
import { formatDateTime, formatTime, t, zoneName } from '#app/i18n/i18n'
import { placesSchema } from '#app/speakers/schemas'
import { organizerList, setPlaces } from '#app/speakers/speakers.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { invariantResponse, notFound } from '#app/utils/responses.server'

// The printable speakers' list, for the clerk and the organizers of the
// chapters working on the project (anyone else: 404). Each hearing on its own
// printed page: slot, estimated time, name, organization, minutes, how, email,
// and the waitlist in order. Organizers also set how many places a list has.

function proceedingSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	invariantResponse(slug.length <= 100 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = proceedingSlug(params)
	const { caller, headers } = await requireUser(request)
	const list = await organizerList(caller, slug)
	if (!list) notFound(headers)
	headers.set('Cache-Control', 'private, no-store')
	const zone = list.proceeding.timeZone
	const time = (at: Date | null) => (at ? `${formatTime(at, zone)} ${zoneName(at, zone)}` : null)
	return data(
		{
			proceeding: list.proceeding,
			printedAt: formatDateTime(new Date(), zone),
			hearings: list.hearings.map((hearing) => ({
				clockId: hearing.clockId,
				label: hearing.label ?? t('clock.hearing'),
				when: formatDateTime(hearing.startsAt, zone),
				place: hearing.place,
				places: hearing.places,
				after: hearing.after,
				listStarts: time(hearing.schedule.listStartsAt),
				listed: hearing.speakers
					.filter((speaker) => speaker.status === 'listed')
					.map((speaker) => ({ ...speaker, estimatedAt: time(speaker.estimatedAt), waitlistedAt: null })),
				waiting: hearing.speakers
					.filter((speaker) => speaker.status === 'waitlisted')
					.map((speaker) => ({ ...speaker, estimatedAt: null, waitlistedAt: null })),
			})),
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? t('speakers.list.title', { title: data.proceeding.title }) : t('speakers.list.heading') },
	{ name: 'robots', content: 'noindex' },
]

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = proceedingSlug(params)
	const { caller, headers } = await requireUser(request)
	const form = parseForm(await request.formData(), placesSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const saved = await setPlaces(caller, form.data.clockId, form.data.places)
	if (!saved) notFound(headers)
	return redirect(`/proceedings/${slug}/speakers/list?saved=${form.data.clockId}#list-${form.data.clockId}`, { headers })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['hearings'][number]['listed'][number]

function SpeakerTable({ caption, rows, waitlist, slug }: { caption: string; rows: Row[]; waitlist: boolean; slug: string }) {
	return (
		<table className="w-full border-collapse text-left text-sm sm:text-base">
			<caption className="mb-2 text-left text-lg font-semibold">{caption}</caption>
			<thead>
				<tr className="border-b-2 border-ink">
					<th scope="col" className="py-2 pr-2">
						{waitlist ? '#' : t('speakers.list.slot')}
					</th>
					{waitlist ? null : (
						<th scope="col" className="py-2 pr-2">
							{t('speakers.list.time')}
						</th>
					)}
					<th scope="col" className="py-2 pr-2">
						{t('speakers.list.name')}
					</th>
					<th scope="col" className="py-2 pr-2">
						{t('speakers.list.for')}
					</th>
					<th scope="col" className="py-2 pr-2">
						{t('speakers.list.minutes')}
					</th>
					<th scope="col" className="py-2 pr-2">
						{t('speakers.list.mode')}
					</th>
					<th scope="col" className="py-2 pr-2">
						{t('speakers.list.email')}
					</th>
					<th scope="col" className="py-2">
						{t('speakers.list.letter')}
					</th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row, index) => (
					<tr key={row.id} className="border-b border-line align-top">
						<td className="py-2 pr-2 font-semibold">{waitlist ? index + 1 : row.slot}</td>
						{waitlist ? null : <td className="py-2 pr-2 whitespace-nowrap">{row.estimatedAt ?? '—'}</td>}
						<td className="py-2 pr-2">{row.name}</td>
						<td className="py-2 pr-2">{row.organization ?? t('speakers.list.self')}</td>
						<td className="py-2 pr-2">{row.minutes ?? '—'}</td>
						<td className="py-2 pr-2">{t(`speakers.slot.mode.${row.mode}`)}</td>
						<td className="py-2 pr-2 break-all">{row.email}</td>
						<td className="py-2">
							{row.hasLetter ? <a href={`/proceedings/${slug}/speakers/letter/${row.id}`}>{t('speakers.list.letter.open')}</a> : '—'}
						</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}

export default function SpeakersList() {
	const { proceeding, hearings, printedAt } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	// The button only opens the browser's print dialog, so it appears once JavaScript runs; the page prints the same from the browser's menu.
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return (
		<article className="space-y-8">
			<p className="print:hidden">
				<Link to={`/proceedings/${proceeding.slug}/speakers`}>← {proceeding.title}</Link>
			</p>
			<header className="space-y-2">
				<p className="text-sm font-semibold text-ink-muted">{proceeding.bodyName ?? proceeding.projectName}</p>
				<h1 className="text-2xl font-bold sm:text-3xl">
					{t('speakers.list.heading')}: {proceeding.title}
				</h1>
				<p className="print:hidden">{t('speakers.list.lead')}</p>
				<p className="print:hidden">
					<a href={`/proceedings/${proceeding.slug}/speakers/list.pdf`} download className="font-semibold">
						{t('speakers.list.pdf')}
					</a>
				</p>
				<p className="hidden text-sm print:block">{t('speakers.list.printed', { when: printedAt })}</p>
				{hydrated ? (
					<p className="print:hidden">
						<button
							type="button"
							onClick={() => window.print()}
							className="min-h-11 rounded-md bg-action px-5 py-2 font-semibold text-white"
						>
							{t('speakers.list.print')}
						</button>
					</p>
				) : null}
			</header>
			{hearings.map((hearing, index) => (
				<section
					key={hearing.clockId}
					id={`list-${hearing.clockId}`}
					aria-labelledby={`list-${hearing.clockId}-heading`}
					className={`space-y-4 ${index > 0 ? 'print:break-before-page' : ''}`}
				>
					<h2 id={`list-${hearing.clockId}-heading`} className="text-xl font-bold">
						{hearing.label}: {hearing.when}
					</h2>
					{hearing.place ? <p>{hearing.place}</p> : null}
					{hearing.after && hearing.listStarts ? (
						<p>{t('speakers.hearing.after', { title: hearing.after, time: hearing.listStarts })}</p>
					) : null}
					{hearing.listed.length ? (
						<SpeakerTable
							caption={t('speakers.hearing.counts', { listed: hearing.listed.length, waiting: 0 })}
							rows={hearing.listed}
							waitlist={false}
							slug={proceeding.slug}
						/>
					) : (
						<p>{t('speakers.list.none')}</p>
					)}
					{hearing.waiting.length ? (
						<SpeakerTable caption={t('speakers.list.waitlist')} rows={hearing.waiting} waitlist slug={proceeding.slug} />
					) : (
						<p>{t('speakers.list.waitlist.none')}</p>
					)}
					<Form method="post" noValidate className="max-w-sm space-y-2 print:hidden">
						<input type="hidden" name="intent" value="places" />
						<input type="hidden" name="clockId" value={hearing.clockId} />
						<label htmlFor={`places-${hearing.clockId}`} className="block font-semibold">
							{t('speakers.list.places.label')}
						</label>
						<FieldNotes
							id={`places-${hearing.clockId}`}
							hint={t('speakers.list.places.hint')}
							error={actionData?.values?.clockId === hearing.clockId ? actionData.errors?.places : undefined}
						/>
						<input
							id={`places-${hearing.clockId}`}
							name="places"
							inputMode="numeric"
							defaultValue={
								actionData?.values?.clockId === hearing.clockId
									? (actionData.values.places ?? '')
									: hearing.places
										? String(hearing.places)
										: ''
							}
							aria-describedby={`places-${hearing.clockId}-hint`}
							className="min-h-11 w-32 rounded-md border border-ink-muted bg-paper-raised px-3"
						/>
						{params.get('saved') === hearing.clockId ? (
							<p role="status" className="font-semibold">
								{t('speakers.list.places.saved')}
							</p>
						) : null}
						<SubmitButton>{t('speakers.list.places.save')}</SubmitButton>
					</Form>
				</section>
			))}
		</article>
	)
}
