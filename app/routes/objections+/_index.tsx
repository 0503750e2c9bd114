import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import { Button, Select } from '#app/objections/fields'
import { GROUND_KINDS, type GroundKind } from '#app/objections/grounds'
import { whatWorked } from '#app/objections/objections.server'

// What worked: every published objection across chapters, by ground and outcome.
export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await optionalUser(request)
	const url = new URL(request.url)
	const groundParam = url.searchParams.get('ground') ?? ''
	const ground = (GROUND_KINDS as readonly string[]).includes(groundParam) ? (groundParam as GroundKind) : null
	const decidedParam = url.searchParams.get('decided')
	const decided = decidedParam === 'yes' ? true : decidedParam === 'no' ? false : null
	const objections = await whatWorked(caller, { ground, decided })
	return data(
		{ objections, ground: ground ?? '', decided: decidedParam === 'yes' || decidedParam === 'no' ? decidedParam : '' },
		{ headers },
	)
}

export const meta: MetaFunction = () => [{ title: t('objection.worked.title') }]

export default function WhatWorked() {
	const { objections, ground, decided } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl space-y-6">
			<PageHeading lead={t('objection.worked.lead')}>{t('objection.worked.heading')}</PageHeading>
			<Form method="get" className="flex flex-wrap items-end gap-4">
				<Select
					name="ground"
					label={t('objection.worked.ground')}
					value={ground}
					options={[
						{ value: '', label: t('objection.worked.ground.any') },
						...GROUND_KINDS.map((kind) => ({ value: kind, label: t(`objection.ground.${kind}`) })),
					]}
				/>
				<Select
					name="decided"
					label={t('objection.worked.decided')}
					value={decided}
					options={[
						{ value: '', label: t('objection.worked.decided.any') },
						{ value: 'yes', label: t('objection.worked.decided.yes') },
						{ value: 'no', label: t('objection.worked.decided.no') },
					]}
				/>
				<Button secondary>{t('objection.worked.filter')}</Button>
			</Form>
			{objections.length === 0 ? <p>{t('objection.worked.none')}</p> : null}
			<ul className="space-y-4">
				{objections.map((objection) => (
					<li key={objection.id} className="space-y-1 rounded-md border border-line p-4">
						<h2 className="text-xl font-semibold">
							<Link to={`/objections/${objection.id}`}>{objection.subject}</Link>
						</h2>
						<p className="text-ink-muted">
							<Link to={`/projects/${objection.project_slug}`}>{objection.project_name}</Link> · {objection.proceeding_title} ·{' '}
							{t('objection.public.by', {
								chapter: objection.chapter_name,
								date: objection.filed_at ? formatDate(objection.filed_at) : '',
							})}
						</p>
						<p>{objection.grounds.map((item) => item.title).join(' · ')}</p>
						<p>
							{t('objection.public.relief')}: {objection.relief.map((relief) => t(`objection.relief.${relief}` as MessageKey)).join('; ')}
						</p>
						<p className="font-semibold">
							{objection.outcome ? t('objection.public.outcome', { outcome: objection.outcome }) : t('objection.worked.undecided')}
						</p>
						{objection.conditions_adopted.length ? (
							<p>
								{t('objection.outcome.adopted')} {objection.conditions_adopted.join('; ')}
							</p>
						) : null}
						<p className="text-sm text-ink-muted">{t('objection.model.count', { count: objection.model_count })}</p>
					</li>
				))}
			</ul>
		</div>
	)
}
