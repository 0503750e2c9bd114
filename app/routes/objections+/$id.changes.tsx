import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { diffWords } from 'diff'
import { requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import { getObjection, versionText, viewerRole, type ObjectionText } from '#app/objections/objections.server'
import { notFound } from '#app/utils/responses.server'

// What changed between two saved versions, for the chapter's organizers.

function flatten(text: ObjectionText) {
	return {
		subject: text.subject,
		standingResidents: text.standingResidents,
		standingOrganizations: text.standingOrganizations,
		relief: [...text.relief.map((relief) => t(`objection.relief.${relief}` as MessageKey)), ...text.reliefConditions, text.reliefNote]
			.filter(Boolean)
			.join('\n'),
		grounds: text.grounds
			.map((ground, index) =>
				[
					`${index + 1}. ${ground.title}`,
					ground.argument,
					...ground.evidence.map((item) => `— ${item.title}${item.url ? ` <${item.url}>` : ''}`),
				].join('\n'),
			)
			.join('\n\n'),
	}
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	const objection = await getObjection(caller, params.id ?? '')
	if (!objection || (await viewerRole(caller, objection.chapter.id)) !== 'organizer') notFound(headers)
	const url = new URL(request.url)
	const from = Number(url.searchParams.get('from'))
	const to = Number(url.searchParams.get('to'))
	if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1) notFound(headers)
	const [before, after] = await Promise.all([versionText(caller, objection.id, from), versionText(caller, objection.id, to)])
	if (!before || !after) notFound(headers)
	const a = flatten(before)
	const b = flatten(after)
	const fields = (Object.keys(a) as Array<keyof typeof a>).flatMap((field) =>
		a[field] === b[field]
			? []
			: [{ field, parts: diffWords(a[field], b[field]).map((part) => ({ value: part.value, added: part.added, removed: part.removed })) }],
	)
	return data({ id: objection.id, subject: objection.subject, from, to, fields }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('objection.versions.heading', { from: data.from, to: data.to }) }] : []

export default function Changes() {
	const { id, subject, from, to, fields } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl space-y-6">
			<PageHeading lead={subject}>{t('objection.versions.heading', { from, to })}</PageHeading>
			{fields.length === 0 ? <p>{t('objection.versions.same')}</p> : null}
			{fields.map((field) => (
				<section key={field.field} className="space-y-2">
					<h2 className="text-xl font-semibold">{t(`objection.versions.field.${field.field}`)}</h2>
					<p className="rounded-md border border-line p-3 whitespace-pre-line">
						{field.parts.map((part, index) =>
							part.added ? (
								<ins key={index} className="bg-action-soft" title={t('objection.versions.added')}>
									{part.value}
								</ins>
							) : part.removed ? (
								<del key={index} className="bg-alert-soft" title={t('objection.versions.removed')}>
									{part.value}
								</del>
							) : (
								<span key={index}>{part.value}</span>
							),
						)}
					</p>
				</section>
			))}
			<p>
				<Link to={`/objections/${id}#versions`}>{t('objection.back')}</Link>
			</p>
		</div>
	)
}
